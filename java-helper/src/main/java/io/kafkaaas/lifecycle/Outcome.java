package io.kafkaaas.lifecycle;

/** How the boot went, as the instance reports it to CloudFormation and the Auto Scaling group. */
public enum Outcome {
    SUCCESS,
    FAILURE;

    /** CompleteLifecycleAction's result: a failed launch is abandoned, so the ASG terminates and replaces it. */
    public String lifecycleActionResult() {
        return this == SUCCESS ? "CONTINUE" : "ABANDON";
    }
}
