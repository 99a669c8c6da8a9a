package io.kafkaaas.lifecycle;

import java.util.Collection;
import java.util.Map;

/**
 * Port: the Auto Scaling lifecycle state of other instances (DescribeAutoScalingInstances), which the claim looks at
 * to tell an owner that is in its termination hook ({@code Terminating:Wait}, still {@code running} to EC2) from one
 * that stays. Adapters ask in as few calls as the API allows ({@link #MAX_IDS_PER_CALL} instance ids a call) and
 * throw a {@link io.kafkaaas.core.KafkaAasException} naming the endpoint and the fix when they cannot answer.
 */
public interface GroupLifecycleStates {
    /** DescribeAutoScalingInstances takes at most this many instance ids in one call. */
    int MAX_IDS_PER_CALL = 50;

    /**
     * @return instance id to its lifecycle state as Auto Scaling names it ("InService", "Terminating:Wait"...);
     * instances that belong to no group (or that the group has forgotten) are absent
     */
    Map<String, String> lifecycleStates(Collection<String> instanceIds);
}
