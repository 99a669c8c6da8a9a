package io.kafkaaas.lifecycle;

import io.kafkaaas.core.UsageException;

import java.util.Optional;

/** The instance's Auto Scaling group, checked against --auto-scaling-group when one was given. */
final class GroupSelection {
    private GroupSelection() {
    }

    static Optional<GroupMembership> of(AutoScalingGroups groups, String instanceId, Optional<String> requestedGroup) {
        Optional<GroupMembership> membership = groups.membership(instanceId);
        if (requestedGroup.isPresent()) {
            String wanted = requestedGroup.get();
            if (membership.isEmpty()) {
                throw new UsageException(instanceId + " is not in Auto Scaling group " + wanted
                        + " (it is in none); drop --auto-scaling-group or check --instance-id");
            }
            if (!membership.get().groupName().equals(wanted)) {
                throw new UsageException(instanceId + " is in Auto Scaling group " + membership.get().groupName() + ", not "
                        + wanted + "; fix --auto-scaling-group");
            }
        }
        return membership;
    }
}
