package io.kafkaaas.lifecycle;

import java.util.List;
import java.util.Optional;

/** Port: the Auto Scaling calls an instance makes about itself. */
public interface AutoScalingGroups {
    /** Empty when the instance belongs to no Auto Scaling group. */
    Optional<GroupMembership> membership(String instanceId);

    List<LifecycleHook> hooks(String groupName);

    /**
     * CompleteLifecycleAction by instance id (no token needed). False when the instance has no active
     * lifecycle action for that hook any more (already completed, or timed out): there is nothing left to do.
     */
    boolean completeLifecycleAction(String groupName, String hookName, String instanceId, String result);

    /** SetInstanceHealth Unhealthy, not respecting the health-check grace period: a failed boot must not wait it out. */
    void setUnhealthy(String instanceId);
}
