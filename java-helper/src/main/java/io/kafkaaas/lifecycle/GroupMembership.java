package io.kafkaaas.lifecycle;

import java.util.Locale;

/** This instance as its Auto Scaling group sees it (DescribeAutoScalingInstances). */
public record GroupMembership(String groupName, String lifecycleState, String healthStatus) {

    /** Held by a launching lifecycle hook: the ASG waits for CompleteLifecycleAction (or the heartbeat timeout). */
    public boolean waitingOnLaunchHook() {
        return lifecycleState.equals("Pending:Wait") || lifecycleState.equals("Warmed:Pending:Wait");
    }

    /** Held by a terminating lifecycle hook. */
    public boolean waitingOnTerminateHook() {
        return lifecycleState.equals("Terminating:Wait") || lifecycleState.equals("Warmed:Terminating:Wait");
    }

    public boolean unhealthy() {
        return healthStatus != null && healthStatus.toUpperCase(Locale.ROOT).equals("UNHEALTHY");
    }
}
