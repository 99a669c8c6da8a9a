package io.kafkaaas.lifecycle;

import io.kafkaaas.core.Change;
import io.kafkaaas.core.KafkaAasException;

import java.util.Locale;
import java.util.Optional;

/** One AWS action of a signal or of the termination flow, and what came of it. */
public record LifecycleStep(String action, String target, Status status, String detail, Optional<KafkaAasException> failure)
        implements Change {

    public enum Status {
        /** The call was made and AWS acted on it. */
        DONE,
        /** AWS was already in the wanted state (or no longer waiting): nothing was changed. */
        UNCHANGED,
        /** The step does not apply to this instance (no stack tags, not in a lifecycle hook, ...). */
        SKIPPED,
        /** The call failed; the run's exit code comes from the first failed step. */
        FAILED
    }

    public LifecycleStep(String action, String target, Status status, String detail) {
        this(action, target, status, detail, Optional.empty());
    }

    static LifecycleStep failed(String action, String target, KafkaAasException cause) {
        return new LifecycleStep(action, target, Status.FAILED, cause.getMessage(), Optional.of(cause));
    }

    @Override
    public boolean changed() {
        return status == Status.DONE;
    }

    public String statusLabel() {
        return status.name().toLowerCase(Locale.ROOT);
    }

    public String describe() {
        return action + (target.isEmpty() ? "" : " " + target) + ": " + statusLabel() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
