package io.kafkaaas.simulation;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The readable account of a simulation: each event with seconds since start, printed to stderr as it happens. */
public final class Timeline {
    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();
    private final PrintWriter progress;
    private final List<Map<String, Object>> events = new ArrayList<>();

    public Timeline(PrintWriter progress) {
        this.progress = progress;
    }

    public synchronized void event(String message) {
        record(seconds(), message);
    }

    /** An event that happened at an earlier moment (wall clock), learnt only now; it goes in its place in time. */
    public synchronized void atMillis(long epochMillis, String message) {
        record((epochMillis - startMillis) / 1000.0, message);
    }

    private void record(double at, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("atSeconds", Math.round(at * 10) / 10.0);
        e.put("event", message);
        int index = events.size();
        while (index > 0 && (double) events.get(index - 1).get("atSeconds") > (double) e.get("atSeconds")) {
            index--;
        }
        events.add(index, e);
        progress.printf("[%6.1fs] %s%n", at, message);
        progress.flush();
    }

    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public synchronized List<Map<String, Object>> events() {
        return List.copyOf(events);
    }
}
