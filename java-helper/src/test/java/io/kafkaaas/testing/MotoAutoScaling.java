package io.kafkaaas.testing;

import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.List;

/** An Auto Scaling group in moto_server, as the CloudFormation stack would create it (moto keeps instances InService). */
public final class MotoAutoScaling {
    private final MotoServer moto;
    private final MotoFixtures ec2;
    private final AutoScalingClient client;

    public MotoAutoScaling(MotoServer moto, MotoFixtures ec2) {
        this.moto = moto;
        this.ec2 = ec2;
        this.client = moto.client(AutoScalingClient.builder());
    }

    public AutoScalingClient client() {
        return client;
    }

    /** A group of {@code size} instances in one AZ, with a launching and a terminating hook; returns the instance ids. */
    public List<String> createGroup(String name, String az, int size) {
        String template = name + "-lt";
        moto.ec2().createLaunchTemplate(r -> r.launchTemplateName(template)
                .launchTemplateData(d -> d.imageId(MotoFixtures.AMI).instanceType("t3.micro")));
        client.createAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(size).maxSize(size).desiredCapacity(size)
                .launchTemplate(t -> t.launchTemplateName(template)).vpcZoneIdentifier(ec2.subnet(az))
                .healthCheckGracePeriod(600));
        client.putLifecycleHook(r -> r.autoScalingGroupName(name).lifecycleHookName(name + "-launch")
                .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(900).defaultResult("ABANDON"));
        client.putLifecycleHook(r -> r.autoScalingGroupName(name).lifecycleHookName(name + "-terminate")
                .lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING").heartbeatTimeout(300).defaultResult("CONTINUE"));
        return client.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups().get(0)
                .instances().stream().map(i -> i.instanceId()).toList();
    }

    /** The tags CloudFormation puts on the instances an ASG of a stack launches. */
    public void tagAsLaunchedByStack(String instanceId, String stackName, String logicalId) {
        moto.ec2().createTags(r -> r.resources(instanceId).tags(
                Tag.builder().key("aws:cloudformation:stack-name").value(stackName).build(),
                Tag.builder().key("aws:cloudformation:logical-id").value(logicalId).build()));
    }

    public AutoScalingInstanceDetails details(String instanceId) {
        return client.describeAutoScalingInstances(r -> r.instanceIds(instanceId)).autoScalingInstances().get(0);
    }
}
