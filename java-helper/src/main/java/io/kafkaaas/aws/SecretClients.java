package io.kafkaaas.aws;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;
import java.util.Optional;

/** Builds the SSM and Secrets Manager clients the way {@link Ec2Clients} builds EC2's: url-connection, bounded retries. */
public final class SecretClients {
    private SecretClients() {
    }

    public static SsmClient ssm(AwsSettings settings, String region, Optional<URI> endpoint) {
        var builder = SsmClient.builder()
                .httpClient(Ec2Clients.httpClient())
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(Ec2Clients.overrides(settings, "SSM"));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static SecretsManagerClient secretsManager(AwsSettings settings, String region, Optional<URI> endpoint) {
        var builder = SecretsManagerClient.builder()
                .httpClient(Ec2Clients.httpClient())
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(Ec2Clients.overrides(settings, "Secrets Manager"));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
