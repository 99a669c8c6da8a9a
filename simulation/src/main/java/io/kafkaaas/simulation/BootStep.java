package io.kafkaaas.simulation;

/** One step of an instance's boot: when it started (timeline seconds), how long it took, its exit code, what it did. */
public record BootStep(String name, double atSeconds, double seconds, int exitCode, String detail) {
}
