package io.kafkaaas.aws;

import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.instance.InstanceMetadata;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.imds.Ec2MetadataClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IMDSv2 only: the SDK's metadata client always fetches a session token (PUT) before each GET and renews
 * it when it expires; it never falls back to IMDSv1. Values are cached, they cannot change while we run.
 */
public final class ImdsInstanceMetadata implements InstanceMetadata, AutoCloseable {
    private final Ec2MetadataClient client;
    private final URI endpoint;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public ImdsInstanceMetadata(URI endpoint) {
        this.endpoint = endpoint;
        this.client = Ec2MetadataClient.builder()
                .endpoint(endpoint)
                .httpClient(Ec2Clients.httpClient())
                .tokenTtl(Duration.ofMinutes(10))
                .retryPolicy(p -> p.numRetries(3))
                .build();
    }

    @Override
    public String instanceId() {
        return get("/latest/meta-data/instance-id");
    }

    @Override
    public String availabilityZone() {
        return get("/latest/meta-data/placement/availability-zone");
    }

    @Override
    public String region() {
        return get("/latest/meta-data/placement/region");
    }

    /** Any metadata path, e.g. network/interfaces/macs/&lt;mac&gt;/device-number. */
    public String get(String path) {
        return cache.computeIfAbsent(path, p -> {
            try {
                return client.get(p).asString().trim();
            } catch (SdkException e) {
                throw new DependencyUnreachableException("instance metadata (IMDSv2) at " + endpoint + " did not answer "
                        + p + ": " + AwsFailures.firstLine(e.getMessage())
                        + "; off EC2 pass --instance-id and --availability-zone, or point --imds-endpoint at an emulator", e);
            }
        });
    }

    @Override
    public void close() {
        client.close();
    }
}
