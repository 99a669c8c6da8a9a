package io.kafkaaas.testing;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.HashMap;
import java.util.Map;

/** A VPC with one subnet per AZ, and the per-broker ENIs and volumes the CloudFormation stack would create. */
public final class MotoFixtures {
    public static final String AMI = "ami-12c6146b"; // one of moto's built-in images

    private final Ec2Client ec2;
    private final String vpcId;
    private final Map<String, String> subnets = new HashMap<>();
    private int subnetIndex;

    public MotoFixtures(Ec2Client ec2) {
        this.ec2 = ec2;
        this.vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    }

    public String subnet(String az) {
        return subnets.computeIfAbsent(az, zone -> {
            int third = ++subnetIndex;
            return ec2.createSubnet(r -> r.vpcId(vpcId).availabilityZone(zone).cidrBlock("10.0." + third + ".0/24"))
                    .subnet().subnetId();
        });
    }

    /** ENI tagged Name=&lt;prefix&gt;&lt;id&gt;; returns its id. */
    public String createEni(String name, String az) {
        return ec2.createNetworkInterface(r -> r.subnetId(subnet(az)).tagSpecifications(
                        nameTag(ResourceType.NETWORK_INTERFACE, name)))
                .networkInterface().networkInterfaceId();
    }

    public void createBrokerEnis(String prefix, int count, String az) {
        for (int i = 0; i < count; i++) {
            createEni(prefix + i, az);
        }
    }

    /** A gp3 volume tagged Name=&lt;name&gt;; returns its id. */
    public String createVolume(String name, String az, int sizeGiB) {
        return ec2.createVolume(r -> r.availabilityZone(az).size(sizeGiB).volumeType("gp3")
                .tagSpecifications(nameTag(ResourceType.VOLUME, name))).volumeId();
    }

    /** A running instance in the AZ; returns its id. */
    public String runInstance(String az) {
        return ec2.runInstances(r -> r.imageId(AMI).instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1)
                .subnetId(subnet(az))).instances().get(0).instanceId();
    }

    public void terminate(String instanceId) {
        ec2.terminateInstances(r -> r.instanceIds(instanceId));
    }

    private static TagSpecification nameTag(ResourceType type, String name) {
        return TagSpecification.builder().resourceType(type).tags(Tag.builder().key("Name").value(name).build()).build();
    }
}
