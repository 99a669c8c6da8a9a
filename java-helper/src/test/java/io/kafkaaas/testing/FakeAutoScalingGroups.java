package io.kafkaaas.testing;

import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.lifecycle.AutoScalingGroups;
import io.kafkaaas.lifecycle.GroupLifecycleStates;
import io.kafkaaas.lifecycle.GroupMembership;
import io.kafkaaas.lifecycle.LifecycleHook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Auto Scaling in memory, with the lifecycle-hook behaviour moto does not emulate: an instance in a
 * :Wait state leaves it when its action is completed, and a second completion finds no active action. Other
 * instances' lifecycle states are read from the same members, and every such look-up is recorded.
 */
public final class FakeAutoScalingGroups implements AutoScalingGroups, GroupLifecycleStates {
    private final Map<String, GroupMembership> members = new HashMap<>();
    private final Map<String, List<LifecycleHook>> hooks = new HashMap<>();
    private final List<String> mutations;
    private KafkaAasException failCompletionWith;
    private KafkaAasException failHealthWith;
    private boolean actionsExpired;
    private final List<Set<String>> lifecycleLookups = new ArrayList<>();
    private KafkaAasException failLookupWith;

    public FakeAutoScalingGroups() {
        this(new ArrayList<>());
    }

    /** Records mutations into a journal shared with other fakes, to check the order across services. */
    public FakeAutoScalingGroups(List<String> journal) {
        this.mutations = journal;
    }

    public FakeAutoScalingGroups member(String instanceId, String group, String lifecycleState) {
        members.put(instanceId, new GroupMembership(group, lifecycleState, "HEALTHY"));
        return this;
    }

    public FakeAutoScalingGroups hook(String group, String name, String transition) {
        hooks.computeIfAbsent(group, g -> new ArrayList<>()).add(new LifecycleHook(name, transition));
        return this;
    }

    public FakeAutoScalingGroups failCompletionWith(KafkaAasException e) {
        this.failCompletionWith = e;
        return this;
    }

    /** The hook's heartbeat ran out after DescribeAutoScalingInstances: completing finds no active action. */
    public FakeAutoScalingGroups actionsExpired() {
        this.actionsExpired = true;
        return this;
    }

    /** DescribeAutoScalingInstances of other instances fails (refused, throttled after retries, unreachable). */
    public FakeAutoScalingGroups failLookupWith(KafkaAasException e) {
        this.failLookupWith = e;
        return this;
    }

    /** The instance ids of each {@link #lifecycleStates} call, in order. */
    public List<Set<String>> lifecycleLookups() {
        return List.copyOf(lifecycleLookups);
    }

    public FakeAutoScalingGroups failHealthWith(KafkaAasException e) {
        this.failHealthWith = e;
        return this;
    }

    /** Every mutating call, in order, e.g. "CompleteLifecycleAction g/launch i-1 CONTINUE". */
    public List<String> mutations() {
        return List.copyOf(mutations);
    }

    public GroupMembership memberState(String instanceId) {
        return members.get(instanceId);
    }

    @Override
    public Optional<GroupMembership> membership(String instanceId) {
        return Optional.ofNullable(members.get(instanceId));
    }

    @Override
    public Map<String, String> lifecycleStates(Collection<String> instanceIds) {
        if (instanceIds.size() > MAX_IDS_PER_CALL) {
            throw new IllegalArgumentException("DescribeAutoScalingInstances takes at most " + MAX_IDS_PER_CALL + " ids");
        }
        lifecycleLookups.add(Set.copyOf(instanceIds));
        if (failLookupWith != null) {
            throw failLookupWith;
        }
        Map<String, String> states = new HashMap<>();
        instanceIds.forEach(id -> Optional.ofNullable(members.get(id)).ifPresent(m -> states.put(id, m.lifecycleState())));
        return states;
    }

    @Override
    public List<LifecycleHook> hooks(String groupName) {
        return hooks.getOrDefault(groupName, List.of());
    }

    @Override
    public boolean completeLifecycleAction(String groupName, String hookName, String instanceId, String result) {
        mutations.add("CompleteLifecycleAction " + groupName + "/" + hookName + " " + instanceId + " " + result);
        if (failCompletionWith != null) {
            throw failCompletionWith;
        }
        GroupMembership m = members.get(instanceId);
        if (actionsExpired || m == null || !m.lifecycleState().endsWith(":Wait")) {
            return false;
        }
        String next = m.lifecycleState().contains("Pending")
                ? (result.equals("CONTINUE") ? "Pending:Proceed" : "Terminating")
                : "Terminating:Proceed";
        members.put(instanceId, new GroupMembership(m.groupName(), next, m.healthStatus()));
        return true;
    }

    @Override
    public void setUnhealthy(String instanceId) {
        mutations.add("SetInstanceHealth " + instanceId + " Unhealthy");
        if (failHealthWith != null) {
            throw failHealthWith;
        }
        GroupMembership m = members.get(instanceId);
        members.put(instanceId, new GroupMembership(m.groupName(), m.lifecycleState(), "UNHEALTHY"));
    }
}
