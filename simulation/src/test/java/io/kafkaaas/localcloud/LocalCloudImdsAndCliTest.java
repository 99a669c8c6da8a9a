package io.kafkaaas.localcloud;

import io.kafkaaas.aws.ImdsInstanceMetadata;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.LocalCloudFixture;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** IMDSv2 per instance through the SDK's metadata client, and the real CLI (claim-id, status) against the local cloud. */
class LocalCloudImdsAndCliTest {
    @TempDir
    Path workdir;
    private LocalCloudFixture cloud;
    private TestingServer zookeeper;

    @BeforeEach
    void setUp() throws Exception {
        cloud = new LocalCloudFixture(workdir, new CloudTimings(Duration.ofMillis(20), Duration.ofMillis(20),
                Duration.ofMillis(20), Duration.ofMillis(300)));
        zookeeper = new TestingServer(true);
    }

    @AfterEach
    void tearDown() throws Exception {
        cloud.close();
        zookeeper.close();
    }

    @Test
    void eachInstanceHasItsOwnImdsUnderItsPathPrefix() {
        var slot = cloud.brokers(1, "us-east-1b").get(0);
        var a = cloud.running("us-east-1a");
        var b = cloud.running("us-east-1b");
        cloud.ec2().attachNetworkInterface(r -> r.networkInterfaceId(slot.eni().id()).instanceId(b.id()).deviceIndex(1));
        cloud.advance(cloud.timings().attach());
        assertThat(slot.eni().attachment()).hasValueSatisfying(x -> assertThat(x.status()).isEqualTo("attached"));

        try (var imdsA = new ImdsInstanceMetadata(cloud.server().imdsEndpoint(a.id()));
             var imdsB = new ImdsInstanceMetadata(cloud.server().imdsEndpoint(b.id()))) {
            assertThat(imdsA.instanceId()).isEqualTo(a.id());
            assertThat(imdsA.availabilityZone()).isEqualTo("us-east-1a");
            assertThat(imdsA.region()).isEqualTo("us-east-1");
            assertThat(imdsB.instanceId()).isEqualTo(b.id());
            assertThat(imdsB.get("/latest/meta-data/mac")).isEqualTo(b.macAddress());
            String mac = slot.eni().macAddress();
            assertThat(imdsB.get("/latest/meta-data/network/interfaces/macs/")).contains(b.macAddress() + "/", mac + "/");
            assertThat(imdsB.get("/latest/meta-data/network/interfaces/macs/" + mac + "/device-number")).isEqualTo("1");
            assertThat(imdsB.get("/latest/meta-data/network/interfaces/macs/" + mac + "/subnet-ipv4-cidr-block")).isEqualTo(slot.eni().subnet().cidr()).isEqualTo("127.0.1.0/24");
            assertThat(imdsB.get("/latest/meta-data/network/interfaces/macs/" + mac + "/local-ipv4s")).isEqualTo(slot.eni().privateIp());
            assertThat(imdsB.get("/latest/meta-data/network/interfaces/macs/" + mac + "/interface-id")).isEqualTo(slot.eni().id());
            assertThat(imdsB.get("/latest/dynamic/instance-identity/document")).contains("\"instanceId\":\"" + b.id() + "\"");
        }
    }

    @Test
    void neverServesImdsV1AndChecksTheTokenBelongsToTheInstance() throws Exception {
        var a = cloud.running("us-east-1a");
        var b = cloud.running("us-east-1a");
        URI base = cloud.server().imdsEndpoint(a.id());

        assertThat(status("GET", base + "/latest/meta-data/instance-id", null, null)).isEqualTo(401);
        assertThat(status("PUT", base + "/latest/api/token", null, null)).isEqualTo(400);
        String token = token(base);
        assertThat(status("GET", base + "/latest/meta-data/instance-id", token, null)).isEqualTo(200);
        assertThat(status("GET", cloud.server().imdsEndpoint(b.id()) + "/latest/meta-data/instance-id", token, null)).isEqualTo(401);
        assertThat(status("GET", base + "/latest/meta-data/no-such-thing", token, null)).isEqualTo(404);
    }

    @Test
    void claimIdAndStatusRunAgainstTheLocalCloudWithIdentityFromImds() {
        cloud.brokers(3, "us-east-1a", "us-east-1b");
        var first = cloud.running("us-east-1a");
        var second = cloud.running("us-east-1a");
        var third = cloud.running("us-east-1b");

        CliRun r1 = claim(first);
        CliRun r2 = claim(second);
        CliRun r3 = claim(third);
        CliRun again = claim(first);

        assertThat(r1.exitCode()).as(r1.stderr()).isZero();
        assertThat(r1.json().get("brokerId").asInt()).isZero();
        assertThat(r1.json().get("instanceId").asText()).isEqualTo(first.id());
        assertThat(r1.json().get("availabilityZone").asText()).isEqualTo("us-east-1a");
        assertThat(r2.json().get("brokerId").asInt()).isEqualTo(2);
        assertThat(r3.json().get("brokerId").asInt()).isEqualTo(1);
        assertThat(again.json().get("changed").asBoolean()).isFalse();

        CliRun status = CliRun.of(concat(List.of("status", "--zookeeper", zookeeper.getConnectString(), "--cluster", "local",
                "--broker-count", "3", "--output", "json"), cloud.cliOptions(first)));
        assertThat(status.exitCode()).as(status.stderr()).isZero();
        assertThat(status.json().get("slots")).extracting(s -> s.get("liveness").asText()).containsOnly("alive");

        // The owner of id 0 terminates: a new instance in its AZ takes the id over.
        cloud.cloud().terminate(first.id());
        var replacement = cloud.running("us-east-1a");
        CliRun takeover = claim(replacement);
        assertThat(takeover.exitCode()).as(takeover.stderr()).isZero();
        assertThat(takeover.json().get("brokerId").asInt()).isZero();
        assertThat(takeover.json().get("takenOverFrom").asText()).isEqualTo(first.id());
    }

    private CliRun claim(io.kafkaaas.localcloud.CloudInstance instance) {
        return CliRun.of(concat(List.of("claim-id", "--zookeeper", zookeeper.getConnectString(), "--cluster", "local",
                "--broker-count", "3", "--output", "json"), cloud.cliOptions(instance)));
    }

    private static List<String> concat(List<String> head, String[] tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(Arrays.asList(tail));
        return all;
    }

    private static String token(URI base) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(base + "/latest/api/token").toURL().openConnection();
        c.setRequestMethod("PUT");
        c.setRequestProperty("X-aws-ec2-metadata-token-ttl-seconds", "60");
        return new String(c.getInputStream().readAllBytes()).trim();
    }

    private static int status(String method, String url, String token, String ttl) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        if (token != null) {
            c.setRequestProperty("X-aws-ec2-metadata-token", token);
        }
        if (ttl != null) {
            c.setRequestProperty("X-aws-ec2-metadata-token-ttl-seconds", ttl);
        }
        return c.getResponseCode();
    }
}
