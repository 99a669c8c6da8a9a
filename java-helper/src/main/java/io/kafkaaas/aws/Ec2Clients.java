package io.kafkaaas.aws;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.time.Duration;

/** Builds the EC2 client: url-connection HTTP, the default credential chain, standard bounded retries. */
public final class Ec2Clients {
    private Ec2Clients() {
    }

    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    public static ClientOverrideConfiguration overrides(AwsSettings settings) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .build())
                .apiCallTimeout(settings.apiCallTimeout())
                .build();
    }

    public static Ec2Client ec2(AwsSettings settings, String region) {
        var builder = Ec2Client.builder()
                .httpClient(httpClient())
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(overrides(settings));
        settings.ec2Endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
