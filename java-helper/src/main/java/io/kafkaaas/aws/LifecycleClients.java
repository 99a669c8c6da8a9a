package io.kafkaaas.aws;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

import java.net.URI;
import java.util.Optional;

/** Auto Scaling and CloudFormation clients built like the EC2 one: url-connection HTTP, standard bounded retries. */
public final class LifecycleClients {
    private LifecycleClients() {
    }

    public static AutoScalingClient autoScaling(AwsSettings settings, String region, Optional<URI> endpoint) {
        var builder = AutoScalingClient.builder()
                .httpClient(Ec2Clients.httpClient())
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(Ec2Clients.overrides(settings, "AutoScaling"));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static CloudFormationClient cloudFormation(AwsSettings settings, String region, Optional<URI> endpoint) {
        var builder = CloudFormationClient.builder()
                .httpClient(Ec2Clients.httpClient())
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(Ec2Clients.overrides(settings, "CloudFormation"));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
