package io.kafkaaas.simulation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Every JVM the simulation starts (brokers, probes, helper runs), so that shutdown, normal or Ctrl-C,
 * stops them all: SIGTERM first, as systemd would, then SIGKILL after the grace period.
 */
public final class ChildProcesses implements AutoCloseable {
    private final List<Process> processes = new CopyOnWriteArrayList<>();

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public Process start(ProcessBuilder builder) throws java.io.IOException {
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    public void forget(Process p) {
        processes.remove(p);
    }

    /** SIGTERM, wait up to grace, then SIGKILL. @return true when it stopped within the grace period. */
    public static boolean stop(Process p, Duration grace) {
        if (!p.isAlive()) {
            return true;
        }
        p.destroy();
        try {
            if (p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public void close() {
        List<Process> alive = new ArrayList<>(processes);
        alive.forEach(p -> {
            if (p.isAlive()) {
                p.destroy();
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (Process p : alive) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }
}
