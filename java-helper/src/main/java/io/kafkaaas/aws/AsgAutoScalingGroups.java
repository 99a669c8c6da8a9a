package io.kafkaaas.aws;

import io.kafkaaas.lifecycle.AutoScalingGroups;
import io.kafkaaas.lifecycle.GroupLifecycleStates;
import io.kafkaaas.lifecycle.GroupMembership;
import io.kafkaaas.lifecycle.LifecycleHook;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Auto Scaling API as the instance itself uses it: by instance id, never by lifecycle action token; and the
 * lifecycle state of other instances, which a claim asks before it gives up on an owner in its termination hook.
 */
public final class AsgAutoScalingGroups implements AutoScalingGroups, GroupLifecycleStates {
    private final AutoScalingClient client;
    private final String endpoint;

    public AsgAutoScalingGroups(AutoScalingClient client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    @Override
    public Optional<GroupMembership> membership(String instanceId) {
        try {
            List<AutoScalingInstanceDetails> details = client.describeAutoScalingInstances(r -> r.instanceIds(instanceId))
                    .autoScalingInstances();
            return details.stream().findFirst()
                    .map(d -> new GroupMembership(d.autoScalingGroupName(), d.lifecycleState(), d.healthStatus()));
        } catch (SdkException e) {
            throw AwsFailures.translate("DescribeAutoScalingInstances (" + instanceId + ")", endpoint, e);
        }
    }

    /** One DescribeAutoScalingInstances call per 50 instance ids, each answered in one page (MaxRecords 50). */
    @Override
    public Map<String, String> lifecycleStates(Collection<String> instanceIds) {
        List<String> ids = List.copyOf(instanceIds);
        Map<String, String> states = new HashMap<>();
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_CALL) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_CALL));
            try {
                client.describeAutoScalingInstances(r -> r.instanceIds(batch).maxRecords(MAX_IDS_PER_CALL))
                        .autoScalingInstances().forEach(d -> states.put(d.instanceId(), d.lifecycleState()));
            } catch (SdkException e) {
                throw AwsFailures.translate("DescribeAutoScalingInstances (" + String.join(", ", batch) + ")", endpoint, e);
            }
        }
        return states;
    }

    @Override
    public List<LifecycleHook> hooks(String groupName) {
        try {
            return client.describeLifecycleHooks(r -> r.autoScalingGroupName(groupName)).lifecycleHooks().stream()
                    .map(h -> new LifecycleHook(h.lifecycleHookName(), h.lifecycleTransition()))
                    .toList();
        } catch (SdkException e) {
            throw AwsFailures.translate("DescribeLifecycleHooks (" + groupName + ")", endpoint, e);
        }
    }

    @Override
    public boolean completeLifecycleAction(String groupName, String hookName, String instanceId, String result) {
        try {
            client.completeLifecycleAction(r -> r.autoScalingGroupName(groupName).lifecycleHookName(hookName)
                    .instanceId(instanceId).lifecycleActionResult(result));
            return true;
        } catch (AwsServiceException e) {
            if (isNoActiveAction(e)) {
                return false;
            }
            throw AwsFailures.translate("CompleteLifecycleAction " + result + " (" + groupName + "/" + hookName + ")", endpoint, e);
        } catch (SdkException e) {
            throw AwsFailures.translate("CompleteLifecycleAction " + result + " (" + groupName + "/" + hookName + ")", endpoint, e);
        }
    }

    @Override
    public void setUnhealthy(String instanceId) {
        try {
            client.setInstanceHealth(r -> r.instanceId(instanceId).healthStatus("Unhealthy").shouldRespectGracePeriod(false));
        } catch (SdkException e) {
            throw AwsFailures.translate("SetInstanceHealth Unhealthy (" + instanceId + ")", endpoint, e);
        }
    }

    /** "No active Lifecycle Action found with instance ID ...": already completed, or the hook timed out. */
    static boolean isNoActiveAction(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return "ValidationError".equals(code) && message != null
                && message.toLowerCase(Locale.ROOT).contains("no active lifecycle action");
    }
}
