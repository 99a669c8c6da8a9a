package io.kafkaaas.health;

import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.core.WaitTimeoutException;
import io.kafkaaas.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The boot's health rule against a fake cluster and a manual clock: hours of waiting, no real sleep. */
class HealthWaiterTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Duration UNREACHABLE = Duration.ofMinutes(2);

    private final ManualClock clock = new ManualClock(T0);
    private final FakeClusterView cluster = new FakeClusterView(clock);
    private final List<String> progress = new ArrayList<>();
    private final HealthWaiter waiter = new HealthWaiter(cluster, clock, clock.sleeper(), progress::add);

    @Test
    void aRegisteredBrokerInEveryIsrIsHealthyAtOnce() {
        cluster.register(0).register(1).partition("orders", 0, List.of(0, 1), List.of(1, 0))
                .partition("orders", 1, List.of(0, 2), List.of(0, 2)).register(2)
                .partition("other", 0, List.of(2), List.of());

        HealthWaiter.HealthReport report = waiter.await(1, TIMEOUT, UNREACHABLE);

        assertThat(report.waited()).isZero();
        assertThat(report.health().partitions()).as("only the partitions broker 1 hosts count").isEqualTo(1);
        assertThat(report.health().outOfIsr()).isEmpty();
        assertThat(progress).isEmpty();
    }

    @Test
    void waitsForALateRegistrationAndAnIsrThatCatchesUp() {
        cluster.register(0).partition("orders", 0, List.of(0, 1), List.of(0))
                .partition("orders", 1, List.of(1, 0), List.of(0))
                .at(T0.plusSeconds(20), () -> cluster.register(1))
                .at(T0.plusSeconds(45), () -> cluster.partition("orders", 0, List.of(0, 1), List.of(0, 1)))
                .at(T0.plusSeconds(70), () -> cluster.partition("orders", 1, List.of(1, 0), List.of(0, 1)));

        HealthWaiter.HealthReport report = waiter.await(1, TIMEOUT, UNREACHABLE);

        assertThat(report.waited()).isEqualTo(Duration.ofSeconds(70));
        assertThat(report.health().healthy()).isTrue();
        assertThat(report.health().partitions()).isEqualTo(2);
        assertThat(progress.get(0)).contains("broker 1 not registered").contains("2 partition(s) still out of the ISR");
        assertThat(progress).anyMatch(l -> l.startsWith("broker 1: 1 partition(s) still out of the ISR (orders-1)"));
        assertThat(progress.get(progress.size() - 1)).isEqualTo("broker 1 is healthy after 70 s");
        assertThat(progress.size()).as("progress every few seconds, not on every look").isLessThan(cluster.looks / 2);
    }

    @Test
    void seesTheIsrCatchUpWithinAQuarterSecond() {
        // The boot waits on this look: a broker back in the ISR 20.1 s in is seen at the next quarter second.
        cluster.register(1).partition("orders", 0, List.of(0, 1), List.of(0))
                .at(T0.plusMillis(20_100), () -> cluster.partition("orders", 0, List.of(0, 1), List.of(0, 1)));

        HealthWaiter.HealthReport report = waiter.await(1, TIMEOUT, UNREACHABLE);

        assertThat(report.waited()).isEqualTo(Duration.ofMillis(20_250));
    }

    @Test
    void anotherReplicaOutOfSyncKeepsItWaiting() {
        // Broker 1 is in sync, but broker 2 (a replica of the same partition) is not: under-replicated.
        cluster.register(1).register(2).partition("orders", 0, List.of(1, 2), List.of(1))
                .at(T0.plusSeconds(30), () -> cluster.partition("orders", 0, List.of(1, 2), List.of(1, 2)));

        HealthWaiter.HealthReport report = waiter.await(1, TIMEOUT, UNREACHABLE);

        assertThat(report.waited()).isEqualTo(Duration.ofSeconds(30));
        assertThat(progress.get(0)).contains("1 partition(s) under-replicated (orders-0)").doesNotContain("out of the ISR");
    }

    @Test
    void theTimeoutNamesWhatIsStillMissing() {
        cluster.register(0).partition("orders", 0, List.of(0, 1), List.of(0)).partition("orders", 1, List.of(0, 1), List.of(0));

        assertThatThrownBy(() -> waiter.await(1, Duration.ofSeconds(30), UNREACHABLE))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessageStartingWith("broker 1 is not healthy after 30 s: broker 1 not registered; "
                        + "2 partition(s) still out of the ISR (orders-0, orders-1); "
                        + "2 partition(s) under-replicated (orders-0, orders-1); ")
                .hasMessageContaining("raise --timeout");
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aLongListStaysOnOneLine() {
        cluster.register(1);
        for (int p = 0; p < 12; p++) {
            cluster.partition("big", p, List.of(1, 2), List.of(2));
        }

        assertThatThrownBy(() -> waiter.await(1, Duration.ofSeconds(5), UNREACHABLE))
                .hasMessageContaining("12 partition(s) still out of the ISR (big-0, big-1, big-2, big-3, big-4, and 7 more)");
    }

    @Test
    void aClusterThatStaysUnreachableFailsWithExit6AfterTheBound() {
        cluster.unreachable();

        assertThatThrownBy(() -> waiter.await(1, TIMEOUT, UNREACHABLE))
                .isInstanceOf(DependencyUnreachableException.class)
                .hasMessageStartingWith("Kafka at fake:9092 could not be reached for 120 s (connection refused); check --bootstrap-server");
        assertThat(clock.instant()).isEqualTo(T0.plus(UNREACHABLE));
    }

    @Test
    void aBrokerThatOpensItsListenerLateIsWaitedFor() {
        cluster.unreachable().register(1).partition("orders", 0, List.of(1), List.of(1))
                .at(T0.plusSeconds(90), cluster::reachable);

        HealthWaiter.HealthReport report = waiter.await(1, TIMEOUT, UNREACHABLE);

        assertThat(report.waited()).isEqualTo(Duration.ofSeconds(90));
        assertThat(progress.get(0)).startsWith("broker 1: Kafka at fake:9092 is not reachable yet; waiting (0 s of 600 s)");
    }

    @Test
    void unreachableAtTheDeadlineIsExit6NotATimeout() {
        cluster.register(0).partition("orders", 0, List.of(0, 1), List.of(0))
                .at(T0.plusSeconds(25), cluster::unreachable);

        assertThatThrownBy(() -> waiter.await(1, Duration.ofSeconds(30), UNREACHABLE))
                .isInstanceOf(DependencyUnreachableException.class)
                .hasMessageContaining("could not be reached for 5 s");
    }
}
