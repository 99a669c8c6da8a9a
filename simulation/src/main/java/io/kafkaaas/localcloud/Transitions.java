package io.kafkaaas.localcloud;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * When the local cloud's asynchronous transitions (pending to running, attaching to attached, shutting-down to
 * terminated) happen. The simulation runs them on a timer; tests drive them from a manual clock, so nothing in
 * a test depends on how many real milliseconds pass on a loaded machine.
 */
public interface Transitions extends AutoCloseable {
    /** Runs the action once the delay has passed; actions that come due together run in the order given. */
    void after(Duration delay, Runnable action);

    @Override
    void close();

    /** Real time: one scheduler thread, so transitions run in order. */
    static Transitions onATimer() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-cloud-transitions");
            t.setDaemon(true);
            return t;
        });
        return new Transitions() {
            @Override
            public void after(Duration delay, Runnable action) {
                try {
                    scheduler.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closed) {
                    // the cloud is shutting down: nothing is left to observe the transition
                }
            }

            @Override
            public void close() {
                scheduler.shutdownNow();
            }
        };
    }
}
