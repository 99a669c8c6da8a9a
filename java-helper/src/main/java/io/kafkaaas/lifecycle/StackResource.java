package io.kafkaaas.lifecycle;

import java.util.Objects;

/** The CloudFormation resource that waits for our signal: the ASG's logical id in its stack. */
public record StackResource(String stackName, String logicalResourceId) {
    public StackResource {
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(logicalResourceId, "logicalResourceId");
    }

    @Override
    public String toString() {
        return stackName + "/" + logicalResourceId;
    }
}
