package io.kafkaaas.boot;

import io.kafkaaas.core.Change;

import java.time.Duration;
import java.util.Optional;

/** One step's result (empty when the step was skipped) and how long it took. */
public record StepOutcome(Step step, Optional<Change> result, Duration took) {
    public boolean changed() {
        return result.map(Change::changed).orElse(false);
    }

    public boolean skipped() {
        return result.isEmpty();
    }
}
