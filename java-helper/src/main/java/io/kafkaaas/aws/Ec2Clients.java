package io.kafkaaas.aws;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.time.Duration;

/** Builds the EC2 client: url-connection HTTP, the default credential chain, standard bounded retries, logged. */
public final class Ec2Clients {
    private Ec2Clients() {
    }

    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** Standard bounded retries for one service's client; every retry is logged (see {@link RetryLogging}). */
    public static ClientOverrideConfiguration overrides(AwsSettings settings, String service) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(RetryLogging.logging(service, AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .build()))
                .addExecutionInterceptor(RetryLogging.operationRecorder())
                .apiCallTimeout(settings.apiCallTimeout())
                .build();
    }

    public static Ec2Client ec2(AwsSettings settings, String region) {
        var builder = Ec2Client.builder()
                .httpClient(httpClient())
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(overrides(settings, "EC2"));
        settings.ec2Endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
