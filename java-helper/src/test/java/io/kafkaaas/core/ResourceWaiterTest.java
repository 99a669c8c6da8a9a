package io.kafkaaas.core;

import io.kafkaaas.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceWaiterTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<String> progress = new ArrayList<>();
    private final ResourceWaiter waiter = new ResourceWaiter(clock, d -> {
        sleeps.add(d);
        clock.advance(d);
    }, progress::add);

    @Test
    void readyAtOnceNeitherSleepsNorLogs() {
        String value = waiter.await("ENI KAFKA-1", Duration.ofSeconds(300), () -> WaitStep.ready("x"), "advice");

        assertThat(value).isEqualTo("x");
        assertThat(sleeps).isEmpty();
        assertThat(progress).isEmpty();
    }

    @Test
    void reChecksEveryQuarterSecondForASecondThenBacksOffExponentiallyUpToTheCapAndStopsAtTheDeadline() {
        assertThatThrownBy(() -> waiter.await("ENI KAFKA-1 (eni-1)", Duration.ofSeconds(60),
                () -> WaitStep.pending("attached to i-0cd (running, a live instance; attachment attached)"), "never detached"))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessage("ENI KAFKA-1 (eni-1) is still attached to i-0cd (running, a live instance; attachment attached);"
                        + " waited 60 s; never detached")
                .extracting(e -> ((KafkaAasException) e).exitCode()).isEqualTo(ExitCode.TIMEOUT);

        // 4 x 0.25 = 1, then 1.5, 2.5, 4.5, 8.5, 16.5, then 10 s steps: 26.5, 36.5, 46.5, 56.5, and the last sleep is
        // trimmed to the deadline (3.5 s).
        assertThat(sleeps).extracting(Duration::toMillis)
                .containsExactly(250L, 250L, 250L, 250L, 500L, 1000L, 2000L, 4000L, 8000L, 10000L, 10000L, 10000L, 10000L, 3500L);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:01:00Z"));
    }

    @Test
    void logsProgressOnEveryStateChangeAndAtLeastEveryThirtySeconds() {
        AtomicInteger looks = new AtomicInteger();
        String result = waiter.await("volume KAFKA-2 (vol-1)", Duration.ofSeconds(300), () -> {
            int n = looks.incrementAndGet();
            if (n < 3) {
                return WaitStep.pending("attached to i-old (shutting-down; attachment attached)");
            }
            if (n < 13) { // detaching for 36 s: past the 30 s progress interval
                return WaitStep.pending("attached to i-old (terminated; attachment detaching)");
            }
            return WaitStep.ready("free");
        }, "");

        assertThat(result).isEqualTo("free");
        assertThat(progress).first().asString().contains("shutting-down").contains("(0 s of 300 s)");
        assertThat(progress).filteredOn(p -> p.contains("detaching")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(progress).last().asString().isEqualTo("volume KAFKA-2 (vol-1) is ready after "
                + Duration.between(Instant.parse("2025-01-01T00:00:00Z"), clock.instant()).toSeconds() + " s");
    }

    @Test
    void aZeroTimeoutLooksExactlyOnce() {
        AtomicInteger looks = new AtomicInteger();

        Optional<String> found = waiter.poll("kernel interface", Duration.ZERO, () -> {
            looks.incrementAndGet();
            return WaitStep.pending("not visible");
        });

        assertThat(found).isEmpty();
        assertThat(looks).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void pollReturnsTheValueOnceReady() {
        AtomicInteger looks = new AtomicInteger();

        Optional<String> found = waiter.poll("kernel interface", Duration.ofSeconds(60),
                () -> looks.incrementAndGet() < 4 ? WaitStep.pending("not visible") : WaitStep.ready("ens6"));

        assertThat(found).contains("ens6");
        assertThat(sleeps).extracting(Duration::toMillis).containsExactly(250L, 250L, 250L);
    }

    @Test
    void anAttachThatCompletesWithinTheFirstSecondIsSeenWithinAQuarterSecond() {
        AtomicInteger attaches = new AtomicInteger();
        AtomicInteger looks = new AtomicInteger();

        boolean attached = waiter.attachWhenFree("volume KAFKA-1 (vol-1)", Duration.ofSeconds(60),
                () -> WaitStep.ready("available"), "attached"::equals, attaches::incrementAndGet, "advice");
        String state = waiter.await("volume KAFKA-1 (vol-1) attachment", Duration.ofSeconds(60),
                () -> looks.incrementAndGet() < 4 ? WaitStep.pending("attaching") : WaitStep.ready("attached"), "advice");

        assertThat(attached).isTrue();
        assertThat(attaches).hasValue(1);
        assertThat(state).isEqualTo("attached");
        // Attaching for the first three looks (0, 0.25, 0.5 s), attached at the fourth: 0.75 s, where a backoff from the
        // start (0.25, 0.5, 1 s) saw it only at 1.75 s.
        assertThat(sleeps).extracting(Duration::toMillis).containsExactly(250L, 250L, 250L);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:00:00.750Z"));
    }
}
