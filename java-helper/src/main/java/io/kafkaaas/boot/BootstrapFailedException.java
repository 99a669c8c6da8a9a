package io.kafkaaas.boot;

import io.kafkaaas.core.KafkaAasException;

import java.util.List;

/**
 * A step failed. The exit code is the failing step's own, so that automation can tell a timeout (4) from a
 * data-safety refusal (5); the steps that finished before it are kept for the report.
 */
public class BootstrapFailedException extends KafkaAasException {
    private static final long serialVersionUID = 1L;
    private final transient Step failed;
    private final transient List<StepOutcome> completed;

    public BootstrapFailedException(Step failed, KafkaAasException cause, List<StepOutcome> completed) {
        super(cause.exitCode(), failed.label() + " step failed: " + cause.getMessage(), cause);
        this.failed = failed;
        this.completed = List.copyOf(completed);
    }

    public Step failed() {
        return failed;
    }

    public List<StepOutcome> completed() {
        return completed;
    }
}
