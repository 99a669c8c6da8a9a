package io.kafkaaas.localcloud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated Auto Scaling group and the CloudFormation stack that owns it, as an instance's {@code signal}
 * sees them. Every instance the group launches waits in {@code Pending:Wait} on one launch hook, as the stack's
 * does. CONTINUE puts it in service; ABANDON terminates it, and so does SetInstanceHealth Unhealthy once it is in
 * service; whoever drives the group then launches a replacement. Stack signals are recorded, so the simulation can report what was sent.
 */
public final class LocalAutoScaling {
    public static final String GROUP = "simulation";
    public static final String LAUNCH_HOOK = "kafka-aas-launch";
    public static final String STACK = "simulation";
    public static final String LOGICAL_ID = "BrokerGroup";
    static final String LAUNCHING = "autoscaling:EC2_INSTANCE_LAUNCHING";

    /** One instance as DescribeAutoScalingInstances reports it. */
    public record Member(String instanceId, String availabilityZone, String lifecycleState, String healthStatus) {
        public boolean replaced() {
            return lifecycleState.startsWith("Terminating");
        }
    }

    /** One SignalResource call, as CloudFormation records it. */
    public record StackSignal(String stackName, String logicalResourceId, String uniqueId, String status) {
    }

    private final LocalCloud cloud;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final List<StackSignal> signals = new ArrayList<>();

    LocalAutoScaling(LocalCloud cloud) {
        this.cloud = cloud;
    }

    /** The group launches an instance, tagged as CloudFormation and the ASG tag theirs, held by the launch hook. */
    public CloudInstance launch(String availabilityZone) {
        CloudInstance instance = cloud.runInstance(availabilityZone, null, null, Map.of("aws:autoscaling:groupName", GROUP,
                "aws:cloudformation:stack-name", STACK, "aws:cloudformation:logical-id", LOGICAL_ID));
        synchronized (this) {
            members.put(instance.id(), new Member(instance.id(), availabilityZone, "Pending:Wait", "HEALTHY"));
        }
        return instance;
    }

    /**
     * A member that EC2 is terminating (TerminateInstances, as the simulation's replacement calls it) is Terminating to
     * its group too, as a real group marks it once it notices: DescribeAutoScalingInstances never shows a shutting-down
     * instance InService.
     */
    public synchronized Optional<Member> member(String instanceId) {
        Member m = members.get(instanceId);
        if (m != null && !m.replaced() && cloud.findInstance(instanceId)
                .map(i -> i.state().equals("shutting-down") || i.state().equals("terminated")).orElse(false)) {
            m = new Member(m.instanceId(), m.availabilityZone(), "Terminating", m.healthStatus());
            members.put(instanceId, m);
        }
        return Optional.ofNullable(m);
    }

    public synchronized List<StackSignal> signals() {
        return List.copyOf(signals);
    }

    synchronized void completeLifecycleAction(String group, String hook, String instanceId, String result) {
        checkGroup(group);
        if (!hook.equals(LAUNCH_HOOK)) {
            throw new Ec2Error("ValidationError", "No Lifecycle Hook found with name " + hook + " for group " + group);
        }
        Member m = members.get(instanceId);
        if (m == null || !m.lifecycleState().equals("Pending:Wait")) {
            throw new Ec2Error("ValidationError", "No active Lifecycle Action found with instance ID " + instanceId);
        }
        switch (result) {
            case "CONTINUE" -> members.put(instanceId, new Member(instanceId, m.availabilityZone(), "InService", m.healthStatus()));
            case "ABANDON" -> terminate(m, m.healthStatus());
            default -> throw new Ec2Error("ValidationError", "LifecycleActionResult " + result + " must be CONTINUE or ABANDON");
        }
    }

    synchronized void setInstanceHealth(String instanceId, String healthStatus) {
        Member m = members.get(instanceId);
        if (m == null) {
            throw new Ec2Error("ValidationError", "Instance Id not found - No managed instance found for instance ID " + instanceId);
        }
        switch (healthStatus) {
            case "Healthy" -> members.put(instanceId, new Member(instanceId, m.availabilityZone(), m.lifecycleState(), "HEALTHY"));
            // An Unhealthy instance in service is terminated and replaced; one still held by its launch hook waits
            // for the hook's result (ABANDON terminates it), as health checks start only once it is in service.
            case "Unhealthy" -> {
                if (m.lifecycleState().equals("InService")) {
                    terminate(m, "UNHEALTHY");
                } else {
                    members.put(instanceId, new Member(instanceId, m.availabilityZone(), m.lifecycleState(), "UNHEALTHY"));
                }
            }
            default -> throw new Ec2Error("ValidationError", "HealthStatus " + healthStatus + " must be Healthy or Unhealthy");
        }
    }

    synchronized void signalResource(String stackName, String logicalResourceId, String uniqueId, String status) {
        if (!stackName.equals(STACK)) {
            throw new Ec2Error("ValidationError", "Stack " + stackName + " does not exist");
        }
        if (!logicalResourceId.equals(LOGICAL_ID)) {
            throw new Ec2Error("ValidationError", "Resource " + logicalResourceId + " does not exist for stack " + stackName);
        }
        if (!status.equals("SUCCESS") && !status.equals("FAILURE")) {
            throw new Ec2Error("ValidationError", "Status " + status + " must be SUCCESS or FAILURE");
        }
        signals.add(new StackSignal(stackName, logicalResourceId, uniqueId, status));
    }

    void checkGroup(String group) {
        if (!group.equals(GROUP)) {
            throw new Ec2Error("ValidationError", "AutoScalingGroup name not found - " + group);
        }
    }

    private void terminate(Member m, String healthStatus) {
        if (m.replaced()) {
            return;
        }
        members.put(m.instanceId(), new Member(m.instanceId(), m.availabilityZone(), "Terminating", healthStatus));
        cloud.terminate(m.instanceId());
    }
}
