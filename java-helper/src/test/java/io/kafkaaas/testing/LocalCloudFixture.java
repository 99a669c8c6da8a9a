package io.kafkaaas.testing;

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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A local cloud served on a free port, with the per-broker ENIs and volumes; close it after the test. */
public final class LocalCloudFixture implements AutoCloseable {
    public static final String REGION = "us-east-1";

    private final LocalCloudServer server;
    private final Ec2Client ec2;

    public LocalCloudFixture(Path workdir, CloudTimings timings) {
        LocalCloud cloud = new LocalCloud(REGION, workdir, timings, Clock.systemUTC());
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

    /** A running instance (waits out pending). */
    public CloudInstance running(String az) {
        CloudInstance instance = cloud().runInstance(az, null, null, java.util.Map.of());
        await("instance " + instance.id() + " running", () -> instance.state().equals("running"));
        return instance;
    }

    /** The CLI options that point the helper at this cloud as the given instance. */
    public String[] cliOptions(CloudInstance instance) {
        return new String[] {"--ec2-endpoint", server.ec2Endpoint().toString(),
                "--imds-endpoint", server.imdsEndpoint(instance.id()).toString()};
    }

    /** Polls a condition the local cloud reaches asynchronously (attach, terminate); fails after 10 s. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        ec2.close();
        server.close();
    }
}
