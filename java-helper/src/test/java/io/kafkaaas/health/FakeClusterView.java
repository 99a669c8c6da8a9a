package io.kafkaaas.health;

import io.kafkaaas.core.DependencyUnreachableException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cluster whose state changes at given instants of a (manual) clock: brokers register, replicas join the ISR,
 * the cluster goes away. Each look answers from the state at the clock's current instant.
 */
final class FakeClusterView implements ClusterView {
    private final Clock clock;
    private final List<Change> changes = new ArrayList<>();
    private final Set<Integer> registered = new TreeSet<>();
    private final List<PartitionReplicas> partitions = new ArrayList<>();
    private boolean reachable = true;
    int looks;

    FakeClusterView(Clock clock) {
        this.clock = clock;
    }

    FakeClusterView register(int brokerId) {
        registered.add(brokerId);
        return this;
    }

    FakeClusterView partition(String topic, int partition, List<Integer> replicas, List<Integer> isr) {
        partitions.removeIf(p -> p.topic().equals(topic) && p.partition() == partition);
        partitions.add(new PartitionReplicas(topic, partition, replicas, isr));
        return this;
    }

    FakeClusterView unreachable() {
        reachable = false;
        return this;
    }

    FakeClusterView reachable() {
        reachable = true;
        return this;
    }

    /** Runs the change once the clock has reached the instant. */
    FakeClusterView at(Instant when, Runnable change) {
        changes.add(new Change(when, change));
        return this;
    }

    private void applyDue() {
        Instant now = clock.instant();
        changes.removeIf(c -> {
            if (!now.isBefore(c.when())) {
                c.change().run();
                return true;
            }
            return false;
        });
    }

    @Override
    public Set<Integer> registeredBrokers() {
        looks++;
        applyDue();
        if (!reachable) {
            throw new DependencyUnreachableException("connection refused");
        }
        return Set.copyOf(registered);
    }

    @Override
    public List<PartitionReplicas> partitions() {
        applyDue();
        if (!reachable) {
            throw new DependencyUnreachableException("connection refused");
        }
        return List.copyOf(partitions);
    }

    @Override
    public String describe() {
        return "Kafka at fake:9092";
    }

    private record Change(Instant when, Runnable change) {
    }
}
