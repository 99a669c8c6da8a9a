package io.kafkaaas.health;

import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.Sleeper;
import io.kafkaaas.core.WaitTimeoutException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Waits until a broker is healthy (DESIGN.md, boot flow step 4): registered, back in the ISR of every partition
 * it hosts, and none of those under-replicated. Success at boot must mean this, or a rolling update
 * (MaxBatchSize 1) takes the next broker down while this one is still catching up.
 *
 * <p>Bounded both ways: past the timeout it fails with exit 4 and names what is still missing; a cluster that
 * stays unreachable for the connect bound fails with exit 6. Time is injected, so tests never sleep.
 */
public final class HealthWaiter {
    /**
     * A look is three small Admin requests to the local broker, and the boot (and a rolling update behind it) waits
     * on this one: a state change is seen within a quarter second, at four looks a second.
     */
    public static final Duration POLL_EVERY = Duration.ofMillis(250);
    public static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final ClusterView view;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> progress;

    public HealthWaiter(ClusterView view, Clock clock, Sleeper sleeper, Consumer<String> progress) {
        this.view = view;
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = progress;
    }

    /**
     * @param timeout          how long the broker may take to become healthy (exit 4 after it)
     * @param unreachableBound how long the cluster may stay unreachable in a row (exit 6 after it); a broker
     *                         that was just started opens its listener only once its logs are loaded
     */
    public HealthReport await(int brokerId, Duration timeout, Duration unreachableBound) {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        Instant unreachableSince = null;
        Instant lastReport = null;
        String lastState = null;
        while (true) {
            Instant lookStart = clock.instant();
            Instant now;
            String state;
            try {
                BrokerHealth health = BrokerHealth.of(brokerId, view);
                now = clock.instant();
                unreachableSince = null;
                if (health.healthy()) {
                    Duration waited = Duration.between(start, now);
                    if (lastState != null) {
                        progress.accept("broker " + brokerId + " is healthy after " + waited.toSeconds() + " s");
                    }
                    return new HealthReport(health, waited);
                }
                state = health.missing();
                if (!now.isBefore(deadline)) {
                    throw new WaitTimeoutException("broker " + brokerId + " is not healthy after "
                            + Duration.between(start, now).toSeconds() + " s: " + state + "; check the broker's log"
                            + " (journalctl -u confluent-server), or raise --timeout when a large volume needs longer to catch up");
                }
            } catch (DependencyUnreachableException e) {
                now = clock.instant();
                // Unreachable since the first look that failed began: that look itself waited for an answer.
                unreachableSince = unreachableSince == null ? lookStart : unreachableSince;
                Duration down = Duration.between(unreachableSince, now);
                if (down.compareTo(unreachableBound) >= 0 || !now.isBefore(deadline)) {
                    throw new DependencyUnreachableException(view.describe() + " could not be reached for "
                            + down.toSeconds() + " s (" + e.getMessage() + "); check --bootstrap-server, that Kafka runs,"
                            + " and the security groups", e);
                }
                state = view.describe() + " is not reachable yet";
            }
            if (!state.equals(lastState) || Duration.between(lastReport, now).compareTo(PROGRESS_EVERY) >= 0) {
                progress.accept("broker " + brokerId + ": " + state + "; waiting ("
                        + Duration.between(start, now).toSeconds() + " s of " + timeout.toSeconds() + " s)");
                lastReport = now;
            }
            lastState = state;
            sleep(now, deadline);
        }
    }

    private void sleep(Instant now, Instant deadline) {
        Duration left = Duration.between(now, deadline);
        try {
            sleeper.sleep(left.compareTo(POLL_EVERY) < 0 ? left : POLL_EVERY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAasException(ExitCode.INTERNAL, "interrupted while waiting for broker health", e);
        }
    }

    /** The healthy broker and how long it took. */
    public record HealthReport(BrokerHealth health, Duration waited) {
    }
}
