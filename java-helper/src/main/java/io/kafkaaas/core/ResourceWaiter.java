package io.kafkaaas.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for an AWS resource (or a kernel device) with a bounded timeout, quarter-second re-checks for the first second
 * and then capped exponential backoff, and logs progress: whenever the state changes, and at least every
 * {@link #PROGRESS_EVERY} while it does not. Time is
 * injected, so tests wait hours of fake time without sleeping. Boot scripts that hang forever on an ENI still
 * held by a terminating instance are exactly what this replaces.
 */
public final class ResourceWaiter {
    /**
     * Re-checks come every quarter second for the first second: an attachment often completes in about a second
     * (in well under one in the local cloud), and a backoff that starts at once would sleep past the moment it
     * completes (250 ms then 500 ms found a 300 ms attach after 750 ms, on every attach of every boot). Four looks
     * in that second is what one boot asks of EC2's describe calls; the backoff that follows keeps a slow
     * attachment, or a resource held by a dying instance, cheap to watch.
     */
    public static final Duration FIRST_DELAY = Duration.ofMillis(250);
    /** How long re-checks stay at {@link #FIRST_DELAY} before they back off. */
    public static final Duration STEADY_FOR = Duration.ofSeconds(1);
    public static final Duration MAX_DELAY = Duration.ofSeconds(10);
    public static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ResourceWaiter.class);

    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> progress;

    public ResourceWaiter(Clock clock, Sleeper sleeper, Consumer<String> progress) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = progress;
    }

    public ResourceWaiter(Clock clock, Sleeper sleeper) {
        this(clock, sleeper, LOG::info);
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Checks until ready or until the timeout; then throws {@link WaitTimeoutException} with
     * "&lt;subject&gt; is still &lt;last state&gt;; waited N s; &lt;advice&gt;".
     */
    public <T> T await(String subject, Duration timeout, Supplier<WaitStep<T>> check, String advice) {
        Outcome<T> outcome = run(subject, timeout, check);
        if (outcome.value != null) {
            return outcome.value;
        }
        throw new WaitTimeoutException(subject + " is still " + outcome.lastState + "; waited "
                + outcome.waited.toSeconds() + " s" + (advice == null || advice.isEmpty() ? "" : "; " + advice));
    }

    /**
     * Waits (as {@link #await}) until nobody else holds a resource, then attaches it. An attach that EC2 refuses
     * as "in use" ({@link ResourceBusyException}: someone took it in between) goes back to waiting, within the
     * same deadline. Returns whether this call attached it: an attach that landed on an earlier SDK retry, and
     * so was refused as "in use" by its own retry, shows up as already ours.
     *
     * @param free   ready with the resource once nobody else holds it
     * @param isMine whether the resource, as {@code free} returned it, is attached to us already
     * @param attach the attach call; {@link ResourceBusyException} when EC2 says the resource is in use
     * @param advice the fix to name when the wait runs out
     */
    public <T> boolean attachWhenFree(String subject, Duration timeout, Supplier<WaitStep<T>> free, Predicate<T> isMine,
                                      Runnable attach, String advice) {
        Instant deadline = clock.instant().plus(timeout);
        boolean attempted = false;
        while (true) {
            Duration left = Duration.between(clock.instant(), deadline);
            T resource = await(subject, left.isNegative() ? Duration.ZERO : left, free, advice);
            if (isMine.test(resource)) {
                return attempted;
            }
            attempted = true;
            try {
                attach.run();
                return true;
            } catch (ResourceBusyException busy) {
                LOG.info("{} was taken while we attached it ({}); waiting again", subject, busy.getMessage());
                if (!clock.instant().isBefore(deadline)) {
                    throw new KafkaAasException(ExitCode.TIMEOUT, subject + " is still in use: " + busy.getMessage()
                            + "; waited " + timeout.toSeconds() + " s; " + advice);
                }
            }
        }
    }

    /** Like {@link #await} but an expired wait is an empty result rather than a failure. */
    public <T> Optional<T> poll(String subject, Duration timeout, Supplier<WaitStep<T>> check) {
        return Optional.ofNullable(run(subject, timeout, check).value);
    }

    private <T> Outcome<T> run(String subject, Duration timeout, Supplier<WaitStep<T>> check) {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout.isNegative() ? Duration.ZERO : timeout);
        Duration delay = FIRST_DELAY;
        String lastState = null;
        Instant lastReport = null;
        while (true) {
            WaitStep<T> step = check.get();
            Instant now = clock.instant();
            Duration waited = Duration.between(start, now);
            if (step instanceof WaitStep.Ready<T> ready) {
                if (lastState != null) {
                    progress.accept(subject + " is ready after " + waited.toSeconds() + " s");
                }
                return new Outcome<>(ready.value(), null, waited);
            }
            String state = ((WaitStep.Pending<T>) step).state();
            if (!state.equals(lastState) || Duration.between(lastReport, now).compareTo(PROGRESS_EVERY) >= 0) {
                progress.accept(subject + " is " + state + "; waiting (" + waited.toSeconds() + " s of "
                        + timeout.toSeconds() + " s)");
                lastReport = now;
            }
            lastState = state;
            if (!now.isBefore(deadline)) {
                return new Outcome<>(null, lastState, waited);
            }
            Duration left = Duration.between(now, deadline);
            sleep(subject, delay.compareTo(left) < 0 ? delay : left);
            if (Duration.between(start, clock.instant()).compareTo(STEADY_FOR) >= 0) {
                delay = delay.multipliedBy(2).compareTo(MAX_DELAY) < 0 ? delay.multipliedBy(2) : MAX_DELAY;
            }
        }
    }

    private void sleep(String subject, Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAasException(ExitCode.INTERNAL, "interrupted while waiting for " + subject, e);
        }
    }

    private record Outcome<T>(T value, String lastState, Duration waited) {
    }
}
