package io.kafkaaas.core;

import java.time.Duration;

/** Waiting is a port so that tests advance a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
