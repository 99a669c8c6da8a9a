package io.kafkaaas.cli;

import io.kafkaaas.aws.AsgAutoScalingGroups;
import io.kafkaaas.aws.CfnStackSignals;
import io.kafkaaas.aws.Ec2InstanceTags;
import io.kafkaaas.aws.LifecycleClients;
import io.kafkaaas.lifecycle.AutoScalingGroups;
import io.kafkaaas.lifecycle.GroupLifecycleStates;
import io.kafkaaas.lifecycle.InstanceTags;
import io.kafkaaas.lifecycle.StackSignals;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

import java.net.URI;
import java.util.Optional;

/** The Auto Scaling and CloudFormation adapters on top of the shared {@link Adapters}; built on first use. */
final class LifecycleAdapters implements AutoCloseable {
    private final Adapters adapters;
    private final Optional<URI> autoScalingEndpoint;
    private final Optional<URI> cloudFormationEndpoint;
    private AutoScalingClient autoScaling;
    private CloudFormationClient cloudFormation;

    LifecycleAdapters(Adapters adapters, Optional<URI> autoScalingEndpoint, Optional<URI> cloudFormationEndpoint) {
        this.adapters = adapters;
        this.autoScalingEndpoint = autoScalingEndpoint;
        this.cloudFormationEndpoint = cloudFormationEndpoint;
    }

    AutoScalingGroups autoScalingGroups() {
        return asg();
    }

    /** The claim's look-up of an owner's lifecycle state; the client is built on the first look-up, not before. */
    GroupLifecycleStates groupLifecycleStates() {
        return instanceIds -> asg().lifecycleStates(instanceIds);
    }

    private AsgAutoScalingGroups asg() {
        if (autoScaling == null) {
            autoScaling = LifecycleClients.autoScaling(adapters.awsSettings(), adapters.region(), autoScalingEndpoint);
        }
        return new AsgAutoScalingGroups(autoScaling, label("Auto Scaling", autoScalingEndpoint));
    }

    StackSignals stackSignals() {
        if (cloudFormation == null) {
            cloudFormation = LifecycleClients.cloudFormation(adapters.awsSettings(), adapters.region(), cloudFormationEndpoint);
        }
        return new CfnStackSignals(cloudFormation, label("CloudFormation", cloudFormationEndpoint));
    }

    InstanceTags instanceTags() {
        return new Ec2InstanceTags(adapters.ec2(), adapters.ec2EndpointLabel());
    }

    private String label(String service, Optional<URI> endpoint) {
        return endpoint.map(Object::toString).orElseGet(() -> service + " (" + adapters.region() + ")");
    }

    @Override
    public void close() {
        if (autoScaling != null) {
            autoScaling.close();
        }
        if (cloudFormation != null) {
            cloudFormation.close();
        }
    }
}
