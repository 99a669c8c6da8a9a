package io.kafkaaas.boot;

import io.kafkaaas.core.KafkaAasException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step failed. The exit code is the failing step's own, so that automation can tell a timeout (4) from a
 * data-safety refusal (5); the steps that finished before it are kept for the report, and the details say
 * which step failed and whether the ones before it changed anything.
 */
public class BootstrapFailedException extends KafkaAasException {
    private static final long serialVersionUID = 1L;
    private final transient Step failed;
    private final transient List<StepOutcome> completed;

    public BootstrapFailedException(Step failed, KafkaAasException cause, List<StepOutcome> completed) {
        super(cause.exitCode(), failed.label() + " step failed: " + cause.getMessage(), cause, details(failed, completed));
        this.failed = failed;
        this.completed = List.copyOf(completed);
    }

    private static Map<String, Object> details(Step failed, List<StepOutcome> completed) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("changed", completed.stream().anyMatch(StepOutcome::changed));
        details.put("failedStep", failed.label());
        Map<String, Object> steps = new LinkedHashMap<>();
        completed.forEach(s -> steps.put(s.step().label(), Map.of("changed", s.changed(), "skipped", s.skipped())));
        details.put("completedSteps", steps);
        return details;
    }

    public Step failed() {
        return failed;
    }

    public List<StepOutcome> completed() {
        return completed;
    }
}
