package io.kafkaaas.aws;

import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.eni.InterfaceMetadata;
import io.kafkaaas.instance.InstanceMetadata;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.retry.backoff.BackoffStrategy;
import software.amazon.awssdk.imds.Ec2MetadataClient;
import software.amazon.awssdk.imds.Ec2MetadataClientException;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IMDSv2 only: the SDK's metadata client always fetches a session token (PUT) before its GETs and never falls
 * back to IMDSv1. It caches the token for its TTL; when IMDS rejects a token before that (401: expired or
 * revoked, e.g. after an IMDS restart), we drop the client, fetch a fresh token and try once more.
 * Identity values are cached (they cannot change while we run); interface data is not (attaching adds some).
 */
public final class ImdsInstanceMetadata implements InstanceMetadata, InterfaceMetadata, AutoCloseable {
    static final Duration TOKEN_TTL = Duration.ofMinutes(10);
    private static final int RETRIES = 3;

    private final URI endpoint;
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private Ec2MetadataClient client;

    public ImdsInstanceMetadata(URI endpoint) {
        this.endpoint = endpoint;
        this.client = newClient();
    }

    @SuppressWarnings("deprecation") // the metadata client's retry policy takes only the older backoff type
    private Ec2MetadataClient newClient() {
        RetryLogging.FailureRecorder http = RetryLogging.recordingFailures(Ec2Clients.httpClient());
        return Ec2MetadataClient.builder()
                .endpoint(endpoint)
                .httpClient(http)
                .tokenTtl(TOKEN_TTL)
                .retryPolicy(p -> p.numRetries(RETRIES).backoffStrategy(RetryLogging.loggingImdsBackoff(endpoint, RETRIES + 1,
                        http, BackoffStrategy.defaultStrategy(RetryMode.STANDARD))))
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

    /** The MACs of the interfaces attached to this instance, as IMDS lists them now. */
    public List<String> macs() {
        return Arrays.stream(fetch("/latest/meta-data/network/interfaces/macs/").orElse("").split("\n"))
                .map(String::trim)
                .map(m -> m.endsWith("/") ? m.substring(0, m.length() - 1) : m)
                .filter(m -> !m.isEmpty())
                .toList();
    }

    @Override
    public Optional<String> subnetCidrOf(String macAddress) {
        return fetch("/latest/meta-data/network/interfaces/macs/" + macAddress.toLowerCase(Locale.ROOT)
                + "/subnet-ipv4-cidr-block").map(String::trim).filter(s -> !s.isEmpty());
    }

    @Override
    public OptionalInt deviceNumberOf(String macAddress) {
        Optional<String> value = fetch("/latest/meta-data/network/interfaces/macs/"
                + macAddress.toLowerCase(Locale.ROOT) + "/device-number");
        try {
            return value.map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty());
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Any metadata path that must exist, e.g. placement/availability-zone; cached. */
    public String get(String path) {
        return cache.computeIfAbsent(path, p -> fetch(p).orElseThrow(() -> new DependencyUnreachableException(
                "instance metadata (IMDSv2) at " + endpoint + " has no " + p
                        + "; off EC2 pass --instance-id and --availability-zone, or point --imds-endpoint at an emulator")));
    }

    /** A metadata value, or empty when IMDS answers 404 (the path does not exist, e.g. a MAC not attached yet). */
    private synchronized Optional<String> fetch(String path) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.of(client.get(path).asString().trim());
            } catch (Ec2MetadataClientException e) {
                if (e.statusCode() == 404) {
                    return Optional.empty();
                }
                if (e.statusCode() == 401 && attempt == 1) {
                    client.close();
                    client = newClient(); // a fresh client fetches a fresh token
                    continue;
                }
                throw unreachable(path, e);
            } catch (SdkException e) {
                throw unreachable(path, e);
            }
        }
    }

    private DependencyUnreachableException unreachable(String path, SdkException e) {
        return new DependencyUnreachableException("instance metadata (IMDSv2) at " + endpoint + " did not answer "
                + path + ": " + AwsFailures.firstLine(e.getMessage())
                + "; off EC2 pass --instance-id and --availability-zone, or point --imds-endpoint at an emulator", e);
    }

    @Override
    public synchronized void close() {
        client.close();
    }
}
