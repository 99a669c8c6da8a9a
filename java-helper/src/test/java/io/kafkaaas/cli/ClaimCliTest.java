package io.kafkaaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.EmbeddedZooKeeper;
import io.kafkaaas.testing.MotoFixtures;
import io.kafkaaas.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI contract of claim-id, release-id and status: options, config file, JSON, exit codes, no side effects. */
class ClaimCliTest {
    @RegisterExtension
    final EmbeddedZooKeeper zookeeper = new EmbeddedZooKeeper();

    @BeforeEach
    void start() throws Exception {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    private List<String> claimArgs(String... extra) {
        List<String> args = new ArrayList<>(List.of("claim-id", "--zookeeper", zookeeper.connectString(),
                "--cluster", "C", "--instance-id", "i-0001", "--availability-zone", "us-east-1a",
                "--region", "us-east-1", "--ec2-endpoint", "http://127.0.0.1:9"));
        args.addAll(List.of(extra));
        return args;
    }

    private void assertNothingWrittenToZooKeeper() throws Exception {
        assertThat(zookeeper.observer().getChildren().forPath("/")).containsOnly("zookeeper");
    }

    private static void assertOneLineError(CliRun run, int exitCode, String... fragments) {
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(exitCode);
        assertThat(run.errorLines()).hasSize(1);
        assertThat(run.errorLines().get(0)).contains(fragments);
    }

    @Test
    void aMalformedConnectStringIsAUsageError() throws Exception {
        CliRun run = CliRun.of(claimArgs("--broker-count", "3", "--zookeeper", zookeeper.connectString() + ",zk2:port"));
        assertOneLineError(run, 2, "malformed ZooKeeper connect string", "'zk2:port' is not host:port");
        assertNothingWrittenToZooKeeper();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "5000"})
    void aBrokerCountOutOfRangeIsAUsageError(String count) throws Exception {
        CliRun run = CliRun.of(claimArgs("--broker-count", count));
        assertOneLineError(run, 2, "--broker-count " + count + " is out of range 1-4096");
        assertNothingWrittenToZooKeeper();
    }

    @Test
    void aNonNumericBrokerCountIsAUsageError() throws Exception {
        CliRun run = CliRun.of(claimArgs("--broker-count", "three"));
        assertOneLineError(run, 2, "--broker-count", "three");
        assertNothingWrittenToZooKeeper();
    }

    @Test
    void anUnknownOptionIsAUsageError() throws Exception {
        CliRun run = CliRun.of(claimArgs("--broker-count", "3", "--brokers-count", "3"));
        assertOneLineError(run, 2, "Unknown option", "--brokers-count", "kafka-aas claim-id --help");
        assertNothingWrittenToZooKeeper();
    }

    @Test
    void missingRequiredOptionsAreUsageErrors() throws Exception {
        assertOneLineError(CliRun.of("claim-id", "--zookeeper", zookeeper.connectString(), "--broker-count", "3"),
                2, "--cluster is required");
        assertOneLineError(CliRun.of("claim-id", "--cluster", "C", "--broker-count", "3"), 2, "--zookeeper is required");
        assertOneLineError(CliRun.of(claimArgs()), 2, "--broker-count is required");
        assertOneLineError(CliRun.of(claimArgs("--broker-count", "3", "--cluster", "../x")), 2, "--cluster '../x'");
        assertOneLineError(CliRun.of(claimArgs("--broker-count", "3", "--instance-id", "bogus")), 2, "--instance-id 'bogus'");
        assertOneLineError(CliRun.of("frobnicate"), 2, "Unmatched argument", "frobnicate");
        assertOneLineError(CliRun.of(), 2, "a command is required");
        assertNothingWrittenToZooKeeper();
    }

    @Test
    void anUnreachableZooKeeperIsExitSixAfterABoundedWait() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Instant start = Instant.now();
        CliRun run = CliRun.of(claimArgs("--broker-count", "3", "--zookeeper", "127.0.0.1:" + closedPort,
                "--zookeeper-timeout", "2", "--output", "json"));

        assertOneLineError(run, 6, "ZooKeeper 127.0.0.1:" + closedPort + " could not be reached within 2 s");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
        JsonNode json = run.json();
        assertThat(json.get("exitCode").asInt()).isEqualTo(6);
        assertThat(json.get("changed").asBoolean()).isFalse();
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("claim-id", "release-id", "status")) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.stdout()).contains("Usage: kafka-aas " + command, "--output");
        }
        assertThat(CliRun.of("--help").stdout()).contains("claim-id", "Exit codes");
    }

    @Test
    void aConfigFileSuppliesOptionsAndTheCommandLineWins(@TempDir Path dir) throws Exception {
        MotoServer moto = MotoServer.get();
        new MotoFixtures(moto.ec2()).createBrokerEnis("KAFKA-", 3, "us-east-1a");
        Path config = dir.resolve("kafka-aas.properties");
        Files.writeString(config, String.join("\n",
                "zookeeper=" + zookeeper.connectString(),
                "cluster=from-file",
                "broker-count=3",
                "region=us-east-1",
                "ec2-endpoint=" + moto.endpoint(),
                "availability-zone=us-east-1a",
                "instance-id=i-0001"));

        CliRun run = CliRun.of("claim-id", "--config", config.toString(), "--instance-id", "i-0002", "--output", "json");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.json().get("instanceId").asText()).isEqualTo("i-0002");
        assertThat(run.json().get("cluster").asText()).isEqualTo("from-file");
        assertThat(zookeeper.observer().checkExists().forPath("/kafka-aas/from-file/claims/0")).isNotNull();
    }

    @Test
    void aConfigFileWithATypoIsAUsageError(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("kafka-aas.properties");
        Files.writeString(config, "zookeeper=" + zookeeper.connectString() + "\nbroker-cuont=3\n");
        assertOneLineError(CliRun.of("claim-id", "--config", config.toString()), 2, "unknown key 'broker-cuont'");
        assertOneLineError(CliRun.of("claim-id", "--config", dir.resolve("missing").toString()), 2, "cannot be read");
        assertNothingWrittenToZooKeeper();
    }

    @Test
    void claimStatusAndReleaseAgainstMoto() {
        MotoServer moto = MotoServer.get();
        MotoFixtures fixtures = new MotoFixtures(moto.ec2());
        fixtures.createBrokerEnis("KAFKA-", 2, "us-east-1a");
        fixtures.createEni("KAFKA-2", "us-east-1b");
        List<String> common = List.of("--zookeeper", zookeeper.connectString(), "--cluster", "C",
                "--region", "us-east-1", "--ec2-endpoint", moto.endpoint().toString(), "--availability-zone", "us-east-1a");
        String me = fixtures.runInstance("us-east-1a");

        CliRun claim = CliRun.of(concat(List.of("claim-id", "--broker-count", "3", "--instance-id", me, "--output", "json"), common));
        assertThat(claim.exitCode()).as(claim.stderr()).isZero();
        assertThat(claim.json().get("brokerId").asInt()).isZero();
        assertThat(claim.json().get("changed").asBoolean()).isTrue();

        CliRun status = CliRun.of(concat(List.of("status", "--broker-count", "3", "--instance-id", me, "--output", "json"), common));
        assertThat(status.exitCode()).as(status.stderr()).isZero();
        JsonNode slots = status.json().get("slots");
        assertThat(slots).hasSize(3);
        assertThat(slots.get(0).get("owner").asText()).isEqualTo(me);
        assertThat(slots.get(0).get("ownerState").asText()).isEqualTo("running");
        assertThat(slots.get(0).get("liveness").asText()).isEqualTo("alive");
        assertThat(slots.get(1).get("liveness").asText()).isEqualTo("absent");
        assertThat(slots.get(2).get("availabilityZone").asText()).isEqualTo("us-east-1b");
        CliRun text = CliRun.of(concat(List.of("status", "--broker-count", "3", "--instance-id", me), common));
        assertThat(text.stdout()).contains("LIVENESS").containsPattern("0 +us-east-1a +" + me + " +running +alive");

        CliRun release = CliRun.of(concat(List.of("release-id", "--instance-id", me, "--output", "json"), common));
        assertThat(release.exitCode()).as(release.stderr()).isZero();
        assertThat(release.json().get("releasedIds").get(0).asInt()).isZero();
        assertThat(release.json().get("changed").asBoolean()).isTrue();
        CliRun again = CliRun.of(concat(List.of("release-id", "--instance-id", me, "--output", "json"), common));
        assertThat(again.json().get("changed").asBoolean()).isFalse();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
