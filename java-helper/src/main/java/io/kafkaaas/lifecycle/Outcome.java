package io.kafkaaas.lifecycle;

/** How the boot went, as the instance reports it to CloudFormation and the Auto Scaling group. */
public enum Outcome {
    SUCCESS,
    FAILURE,
    /**
     * No eligible id was free (exit 3): the instance stays in service as a standby, without Kafka. Abandoning it or
     * marking it Unhealthy would only have the group launch another instance that finds no id either, over and over.
     */
    WAITING;

    /**
     * CompleteLifecycleAction's result: a failed launch is abandoned, so the ASG terminates and replaces it; a standby
     * goes on into service, where it disturbs no broker.
     */
    public String lifecycleActionResult() {
        return this == FAILURE ? "ABANDON" : "CONTINUE";
    }
}
