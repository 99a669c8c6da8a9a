package io.kafkaaas.lifecycle;

import java.util.Objects;
import java.util.Optional;

/**
 * What to signal, for whom, and the targets given on the command line; the ones left empty are discovered
 * (stack from the instance's CloudFormation tags, group and hook from Auto Scaling).
 */
public record SignalRequest(
        String instanceId,
        Outcome outcome,
        Optional<String> stackName,
        Optional<String> logicalResourceId,
        Optional<String> groupName,
        Optional<String> hookName) {

    public SignalRequest {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(outcome, "outcome");
    }
}
