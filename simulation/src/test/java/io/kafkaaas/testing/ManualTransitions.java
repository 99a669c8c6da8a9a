package io.kafkaaas.testing;

import io.kafkaaas.localcloud.Transitions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The local cloud's transitions on a {@link ManualClock}: nothing happens until the test advances the clock, so
 * "still shutting down" holds for exactly as long as the test says, however loaded the machine is.
 */
public final class ManualTransitions implements Transitions {
    /** Only a bound for a broken test: the transition it waits for is scheduled within milliseconds. */
    private static final Duration SCHEDULED_WITHIN = Duration.ofSeconds(60);

    private record Pending(Instant due, long order, Runnable action) {
    }

    private final ManualClock clock;
    private final List<Pending> pending = new ArrayList<>();
    private long scheduled;

    public ManualTransitions(ManualClock clock) {
        this.clock = clock;
    }

    public ManualClock clock() {
        return clock;
    }

    @Override
    public synchronized void after(Duration delay, Runnable action) {
        pending.add(new Pending(clock.instant().plus(delay), scheduled++, action));
        notifyAll();
    }

    /** Moves the clock on and runs, in order, every transition that has come due (outside the lock: they take the cloud's). */
    public void advance(Duration duration) {
        clock.advance(duration);
        for (Optional<Pending> next = nextDue(); next.isPresent(); next = nextDue()) {
            next.get().action().run();
        }
    }

    private synchronized Optional<Pending> nextDue() {
        Optional<Pending> next = pending.stream().filter(p -> !p.due().isAfter(clock.instant()))
                .min(Comparator.comparing(Pending::due).thenComparingLong(Pending::order));
        next.ifPresent(pending::remove);
        return next;
    }

    /**
     * Waits until another thread has scheduled a transition, for example the termination an instance's OS
     * shutdown schedules when its listeners return. This waits for the event itself, not for time to pass.
     */
    public synchronized void awaitScheduled(String what) throws InterruptedException {
        long deadline = System.nanoTime() + SCHEDULED_WITHIN.toNanos();
        while (pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("nothing scheduled " + what + " within " + SCHEDULED_WITHIN.toSeconds() + " s");
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public synchronized void close() {
        pending.clear();
    }
}
