package io.kafkaaas.health;

import java.util.List;

/** One partition's assigned replicas and the ones in sync with its leader, as broker ids. */
public record PartitionReplicas(String topic, int partition, List<Integer> replicas, List<Integer> isr) {
    public PartitionReplicas {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    public boolean hostedBy(int brokerId) {
        return replicas.contains(brokerId);
    }

    public boolean inSync(int brokerId) {
        return isr.contains(brokerId);
    }

    /** Fewer replicas in sync than assigned: one more failure and the partition may stop taking writes. */
    public boolean underReplicated() {
        return !isr.containsAll(replicas);
    }

    /** The assigned replicas, other than the given broker, that are not in sync. */
    public List<Integer> othersOutOfSync(int brokerId) {
        return replicas.stream().filter(r -> r != brokerId && !isr.contains(r)).toList();
    }

    public String name() {
        return topic + "-" + partition;
    }
}
