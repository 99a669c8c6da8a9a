package io.kafkaaas.lifecycle;

import io.kafkaaas.core.Change;

import java.util.List;
import java.util.Optional;

/** Everything a signal did, step by step, and what it found about the instance. */
public record SignalReport(
        String instanceId,
        Outcome outcome,
        Optional<StackResource> stack,
        Optional<GroupMembership> membership,
        Optional<String> hookName,
        List<LifecycleStep> steps) implements Change {

    @Override
    public boolean changed() {
        return steps.stream().anyMatch(LifecycleStep::changed);
    }

    public Optional<LifecycleStep> firstFailure() {
        return steps.stream().filter(s -> s.status() == LifecycleStep.Status.FAILED).findFirst();
    }
}
