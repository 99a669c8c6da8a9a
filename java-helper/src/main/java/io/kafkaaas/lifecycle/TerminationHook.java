package io.kafkaaas.lifecycle;

import io.kafkaaas.core.KafkaAasException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The end of the termination flow: once the instance has released its broker id, it lets its group finish
 * terminating it (CONTINUE), instead of making the group sit out the hook's heartbeat timeout.
 */
public final class TerminationHook {
    private static final Logger LOG = LoggerFactory.getLogger(TerminationHook.class);

    private final AutoScalingGroups groups;

    public TerminationHook(AutoScalingGroups groups) {
        this.groups = groups;
    }

    /** Resolves the group and hook first (reads only), so bad input fails before anything is released. */
    public Plan plan(String instanceId, Optional<String> groupName, Optional<String> hookName) {
        Optional<GroupMembership> membership = GroupSelection.of(groups, instanceId, groupName);
        Optional<String> hook = membership.filter(GroupMembership::waitingOnTerminateHook)
                .flatMap(m -> new HookResolver(groups).resolve(m.groupName(), LifecycleHook.TERMINATING, hookName));
        return new Plan(instanceId, membership, hook);
    }

    public LifecycleStep complete(Plan plan) {
        String action = "CompleteLifecycleAction CONTINUE";
        if (plan.membership().isEmpty()) {
            return log(new LifecycleStep(action, "", LifecycleStep.Status.SKIPPED, "not in an Auto Scaling group"));
        }
        GroupMembership m = plan.membership().get();
        if (!m.waitingOnTerminateHook()) {
            return log(new LifecycleStep(action, m.groupName(), LifecycleStep.Status.SKIPPED,
                    "lifecycle state is " + m.lifecycleState() + ", no termination hook holds it"));
        }
        if (plan.hookName().isEmpty()) {
            return log(new LifecycleStep(action, m.groupName(), LifecycleStep.Status.SKIPPED, "the group has no termination hook"));
        }
        String target = m.groupName() + "/" + plan.hookName().get();
        try {
            boolean completed = groups.completeLifecycleAction(m.groupName(), plan.hookName().get(), plan.instanceId(), "CONTINUE");
            return log(new LifecycleStep(action, target, completed ? LifecycleStep.Status.DONE : LifecycleStep.Status.UNCHANGED,
                    completed ? "the group may terminate the instance now" : "no active lifecycle action any more"));
        } catch (KafkaAasException e) {
            LOG.error("{} {} failed: {}", action, target, e.getMessage());
            return LifecycleStep.failed(action, target, e);
        }
    }

    private static LifecycleStep log(LifecycleStep step) {
        LOG.info("{}", step.describe());
        return step;
    }

    /** What the termination flow will complete; built before the claim is released. */
    public record Plan(String instanceId, Optional<GroupMembership> membership, Optional<String> hookName) {
    }
}
