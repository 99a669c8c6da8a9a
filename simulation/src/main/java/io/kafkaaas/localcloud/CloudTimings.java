package io.kafkaaas.localcloud;

import java.time.Duration;

/**
 * How long the local cloud's asynchronous transitions take. Real EC2 takes seconds to minutes; the
 * simulation keeps the order of events (pending before running, attaching before attached, shutting-down
 * before terminated and the release of attachments) and shrinks the waits.
 */
public record CloudTimings(Duration boot, Duration attach, Duration detach, Duration shutdown) {
    public static final CloudTimings DEFAULT =
            new CloudTimings(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(2));

    /** No waits at all, for tests that only look at the API. */
    public static final CloudTimings INSTANT = new CloudTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
}
