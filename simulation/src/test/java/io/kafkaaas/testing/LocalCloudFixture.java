package io.kafkaaas.testing;

import io.kafkaaas.aws.AwsSettings;
import io.kafkaaas.localcloud.BrokerResources;
import io.kafkaaas.localcloud.CloudInstance;
import io.kafkaaas.localcloud.CloudTimings;
import io.kafkaaas.localcloud.LocalCloud;
import io.kafkaaas.localcloud.LocalCloudServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A local cloud served on a free port, with the per-broker ENIs and volumes; close it after the test. Its
 * transitions run on a manual clock: a test calls {@link #advance} where real EC2 would take its time.
 */
public final class LocalCloudFixture implements AutoCloseable {
    public static final String REGION = "us-east-1";
    /** Short waits that keep the order of events; a test moves the manual clock past them with {@link #advance}. */
    public static final CloudTimings QUICK = new CloudTimings(Duration.ofMillis(50), Duration.ofMillis(50),
            Duration.ofMillis(50), Duration.ofSeconds(2));

    private final CloudTimings timings;
    private final ManualTransitions transitions = new ManualTransitions(ManualClock.startingNow());
    private final LocalCloudServer server;
    private final Ec2Client ec2;

    public LocalCloudFixture(Path workdir, CloudTimings timings) {
        this.timings = timings;
        LocalCloud cloud = new LocalCloud(REGION, workdir, timings, transitions.clock(), transitions);
        try {
            server = LocalCloudServer.start(cloud, "127.0.0.1", 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The helper's adapters use the default credential chain; the local cloud ignores signatures.
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        ec2 = Ec2Client.builder()
                .endpointOverride(server.ec2Endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public List<BrokerResources.Slot> brokers(int count, String... zones) {
        return BrokerResources.create(cloud(), "KAFKA-", count, List.of(zones));
    }

    public LocalCloud cloud() {
        return server.cloud();
    }

    public LocalCloudServer server() {
        return server;
    }

    public Ec2Client ec2() {
        return ec2;
    }

    /** The helper's AWS settings for this cloud's EC2 API, as --region and --ec2-endpoint give them to the CLI. */
    public AwsSettings awsSettings(int maxAttempts, Duration apiCallTimeout) {
        return new AwsSettings(Optional.of(REGION), Optional.of(server.ec2Endpoint()), Optional.empty(), maxAttempts, apiCallTimeout);
    }

    public CloudTimings timings() {
        return timings;
    }

    /** Lets the cloud's clock run on: every transition due by then happens, in order, before this returns. */
    public void advance(Duration duration) {
        transitions.advance(duration);
    }

    /** Waits for a transition another thread schedules (an OS shutdown ends by scheduling the termination). */
    public void awaitScheduled(String what) throws InterruptedException {
        transitions.awaitScheduled(what);
    }

    /** A running instance: launched, then its boot time passes. */
    public CloudInstance running(String az) {
        CloudInstance instance = cloud().runInstance(az, null, null, java.util.Map.of());
        advance(timings.boot());
        return instance;
    }

    /** The CLI options that point the helper at this cloud as the given instance. */
    public String[] cliOptions(CloudInstance instance) {
        return new String[] {"--ec2-endpoint", server.ec2Endpoint().toString(),
                "--imds-endpoint", server.imdsEndpoint(instance.id()).toString()};
    }

    @Override
    public void close() {
        ec2.close();
        server.close();
    }
}
