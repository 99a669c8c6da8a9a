package io.kafkaaas.lifecycle;

import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.UsageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells CloudFormation and the Auto Scaling group how the boot went (boot flow step 7).
 *
 * <p>Every target is resolved before the first mutating call, so bad input changes nothing. Success is
 * all-or-nothing in order (complete the launch hook, then count the stack signal): a stack must never
 * count a success for an instance that its group is about to abandon. Failure is best effort: every step
 * is tried, because each one alone (a FAILURE signal, Unhealthy, ABANDON) gets a broken broker replaced.
 */
public final class LifecycleSignaller {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleSignaller.class);

    private final StackSignals stacks;
    private final AutoScalingGroups groups;
    private final InstanceTags tags;

    public LifecycleSignaller(StackSignals stacks, AutoScalingGroups groups, InstanceTags tags) {
        this.stacks = stacks;
        this.groups = groups;
        this.tags = tags;
    }

    public SignalReport signal(SignalRequest request) {
        String instanceId = request.instanceId();
        boolean bestEffort = request.outcome() == Outcome.FAILURE;
        Lookup<StackResource> stack = Lookup.of(() -> stackOf(request), bestEffort);
        Lookup<GroupMembership> membership = Lookup.of(() -> GroupSelection.of(groups, instanceId, request.groupName()), bestEffort);
        Lookup<String> hook = membership.failure().isPresent() ? membership.map(m -> null) : Lookup.of(() -> membership.value()
                .filter(GroupMembership::waitingOnLaunchHook)
                .flatMap(m -> new HookResolver(groups).resolve(m.groupName(), LifecycleHook.LAUNCHING, request.hookName())), bestEffort);
        membership.value().filter(m -> request.hookName().isPresent() && !m.waitingOnLaunchHook()).ifPresent(m ->
                LOG.info("{} is {} in {}, not held by a launch hook; --lifecycle-hook {} is not needed", instanceId,
                        m.lifecycleState(), m.groupName(), request.hookName().get()));

        List<LifecycleStep> steps = new ArrayList<>();
        if (request.outcome() == Outcome.SUCCESS) {
            steps.add(completeLaunchHook(instanceId, membership, hook, Outcome.SUCCESS));
            Optional<String> pastLaunch = pastItsLaunchHook(membership);
            if (failed(steps)) {
                steps.add(skipped("SignalResource SUCCESS", stack.value().map(Object::toString).orElse(""),
                        "not sent: the launch hook was not completed"));
            } else if (pastLaunch.isPresent()) {
                steps.add(skipped("SignalResource SUCCESS", stack.value().map(Object::toString).orElse(""), pastLaunch.get()));
            } else {
                steps.add(signalStack(instanceId, stack, Outcome.SUCCESS));
            }
        } else if (request.outcome() == Outcome.WAITING) {
            steps.add(completeLaunchHook(instanceId, membership, hook, Outcome.WAITING));
            // The stack counts one success per broker; a FAILURE from a standby would roll back a healthy update.
            steps.add(skipped("SignalResource", stack.value().map(Object::toString).orElse(""),
                    "not sent: a standby waiting for an id is neither a broker's success nor a failure"));
        } else {
            steps.add(signalStack(instanceId, stack, Outcome.FAILURE));
            steps.add(markUnhealthy(instanceId, membership));
            steps.add(completeLaunchHook(instanceId, membership, hook, Outcome.FAILURE));
        }
        steps.forEach(s -> LOG.info("{}", s.describe()));
        return new SignalReport(instanceId, request.outcome(), stack.value(), membership.value(), hook.value(), List.copyOf(steps));
    }

    /**
     * Why an instance its group already let through the launch hook (InService after a reboot, say) sends no SUCCESS:
     * its launch was signalled when the hook released it, and the stack counts signals, not instances, so a stack
     * update waiting for another broker's replacement would count this one and take down the next broker too early.
     * A group without a launch hook has no such moment: its instances still signal in service.
     */
    private Optional<String> pastItsLaunchHook(Lookup<GroupMembership> membership) {
        Optional<GroupMembership> m = membership.value().filter(g -> !g.waitingOnLaunchHook());
        // Pending:Proceed: the hook was completed by a run whose SignalResource failed; a re-run still owes the signal.
        if (m.isEmpty() || m.get().lifecycleState().contains("Pending")) {
            return Optional.empty();
        }
        return groups.hooks(m.get().groupName()).stream().filter(h -> h.transition().equals(LifecycleHook.LAUNCHING)).findFirst()
                .map(hook -> "not sent: " + m.get().lifecycleState() + " in " + m.get().groupName() + ", past its launch hook "
                        + hook.name() + ", so this instance's launch was signalled already; a reboot's success is not a new"
                        + " broker's (a stack update may be waiting for another instance's signal)");
    }

    /**
     * A target looked up before acting. Bad input always stops the run; on the failure path a lookup that AWS
     * could not answer (unreachable, refused) only fails the steps that need it, so the others still run.
     */
    record Lookup<T>(Optional<T> value, Optional<KafkaAasException> failure) {
        static <T> Lookup<T> of(java.util.function.Supplier<Optional<T>> lookup, boolean bestEffort) {
            try {
                return new Lookup<>(lookup.get(), Optional.empty());
            } catch (UsageException e) {
                throw e;
            } catch (KafkaAasException e) {
                if (!bestEffort) {
                    throw e;
                }
                LOG.error("{}", e.getMessage());
                return new Lookup<>(Optional.empty(), Optional.of(e));
            }
        }

        <U> Lookup<U> map(java.util.function.Function<T, U> f) {
            return new Lookup<>(value.map(f), failure);
        }
    }

    /** Options win; what they leave out comes from the tags CloudFormation puts on the instances it launches. */
    private Optional<StackResource> stackOf(SignalRequest request) {
        if (request.stackName().isPresent() && request.logicalResourceId().isPresent()) {
            return Optional.of(new StackResource(request.stackName().get(), request.logicalResourceId().get()));
        }
        Map<String, String> instanceTags = tags.tagsOf(request.instanceId());
        Optional<String> name = request.stackName().or(() -> Optional.ofNullable(instanceTags.get(InstanceTags.STACK_NAME)));
        Optional<String> logicalId = request.logicalResourceId()
                .or(() -> Optional.ofNullable(instanceTags.get(InstanceTags.LOGICAL_ID)));
        if (name.isPresent() && logicalId.isPresent()) {
            return Optional.of(new StackResource(name.get(), logicalId.get()));
        }
        if (request.stackName().isPresent() || request.logicalResourceId().isPresent()) {
            throw new UsageException(request.instanceId() + " has no " + (name.isEmpty() ? InstanceTags.STACK_NAME : InstanceTags.LOGICAL_ID)
                    + " tag; pass both --stack-name and --logical-resource-id");
        }
        return Optional.empty();
    }

    private LifecycleStep signalStack(String instanceId, Lookup<StackResource> lookup, Outcome outcome) {
        String action = "SignalResource " + outcome;
        if (lookup.failure().isPresent()) {
            return LifecycleStep.failed(action, "", lookup.failure().get());
        }
        Optional<StackResource> stack = lookup.value();
        if (stack.isEmpty()) {
            return skipped(action, "", "no stack: the instance has no aws:cloudformation tags and no --stack-name was given");
        }
        try {
            StackSignals.Receipt receipt = stacks.signal(stack.get(), instanceId, outcome);
            return receipt == StackSignals.Receipt.COUNTED
                    ? new LifecycleStep(action, stack.get().toString(), LifecycleStep.Status.DONE, "counted")
                    : new LifecycleStep(action, stack.get().toString(), LifecycleStep.Status.UNCHANGED,
                            "the stack is not waiting for signals (created or updated already)");
        } catch (KafkaAasException e) {
            return failed(action, stack.get().toString(), e);
        }
    }

    private LifecycleStep markUnhealthy(String instanceId, Lookup<GroupMembership> lookup) {
        String action = "SetInstanceHealth Unhealthy";
        if (lookup.failure().isPresent()) {
            return LifecycleStep.failed(action, instanceId, lookup.failure().get());
        }
        Optional<GroupMembership> membership = lookup.value();
        if (membership.isEmpty()) {
            return skipped(action, "", "not in an Auto Scaling group");
        }
        String target = membership.get().groupName() + "/" + instanceId;
        if (membership.get().unhealthy()) {
            return new LifecycleStep(action, target, LifecycleStep.Status.UNCHANGED, "already Unhealthy");
        }
        try {
            groups.setUnhealthy(instanceId);
            return new LifecycleStep(action, target, LifecycleStep.Status.DONE, "the group will replace it");
        } catch (KafkaAasException e) {
            return failed(action, target, e);
        }
    }

    private LifecycleStep completeLaunchHook(String instanceId, Lookup<GroupMembership> membershipLookup, Lookup<String> hookLookup,
                                             Outcome outcome) {
        String action = "CompleteLifecycleAction " + outcome.lifecycleActionResult();
        Optional<KafkaAasException> lookupFailure = membershipLookup.failure().or(hookLookup::failure);
        if (lookupFailure.isPresent()) {
            return LifecycleStep.failed(action, instanceId, lookupFailure.get());
        }
        Optional<GroupMembership> membership = membershipLookup.value();
        Optional<String> hook = hookLookup.value();
        if (membership.isEmpty()) {
            return skipped(action, "", "not in an Auto Scaling group");
        }
        GroupMembership m = membership.get();
        if (!m.waitingOnLaunchHook()) {
            return skipped(action, m.groupName(), "lifecycle state is " + m.lifecycleState() + ", no launch hook holds it");
        }
        if (hook.isEmpty()) {
            return skipped(action, m.groupName(), "the group has no launch hook (another party holds " + m.lifecycleState() + ")");
        }
        String target = m.groupName() + "/" + hook.get();
        try {
            boolean completed = groups.completeLifecycleAction(m.groupName(), hook.get(), instanceId, outcome.lifecycleActionResult());
            return completed ? new LifecycleStep(action, target, LifecycleStep.Status.DONE, "")
                    : new LifecycleStep(action, target, LifecycleStep.Status.UNCHANGED, "no active lifecycle action any more");
        } catch (KafkaAasException e) {
            return failed(action, target, e);
        }
    }

    private static boolean failed(List<LifecycleStep> steps) {
        return steps.stream().anyMatch(s -> s.status() == LifecycleStep.Status.FAILED);
    }

    private static LifecycleStep skipped(String action, String target, String why) {
        return new LifecycleStep(action, target, LifecycleStep.Status.SKIPPED, why);
    }

    private static LifecycleStep failed(String action, String target, KafkaAasException e) {
        LOG.error("{} {} failed: {}", action, target, e.getMessage());
        return LifecycleStep.failed(action, target, e);
    }
}
