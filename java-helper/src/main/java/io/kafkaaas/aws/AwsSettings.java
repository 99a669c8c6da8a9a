package io.kafkaaas.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where AWS is and how hard to try. maxAttempts bounds the SDK's standard retry strategy (throttling, 5xx,
 * connection errors); apiCallTimeout bounds one call including its retries.
 */
public record AwsSettings(
        Optional<String> region,
        Optional<URI> ec2Endpoint,
        Optional<URI> imdsEndpoint,
        int maxAttempts,
        Duration apiCallTimeout) {

    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(120);
    public static final URI DEFAULT_IMDS = URI.create("http://169.254.169.254");

    public URI imdsEndpointOrDefault() {
        return imdsEndpoint.orElse(DEFAULT_IMDS);
    }
}
