package io.kafkaaas.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaaas.testing.JarRun;
import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code simulate --kafka-mode kraft} end to end from the shaded jar: three Kafka 4.x combined nodes (controller and
 * broker) whose voters are the ENIs' static addresses, one replacement. The replacement must come back with the same
 * node id, ENI IP and volume (meta.properties with the same directory.id), the metadata quorum with every voter caught
 * up, and no under-replicated partition; no ZooKeeper runs (claims are ENI attachments). A port block of its own (23092-23093) keeps it clear of the ZooKeeper-mode cases.
 */
class KraftSimulationIT {
    private static final String KAFKA_PORT = "23092";

    @TempDir
    Path tmp;

    @Test
    void threeCombinedNodesOneReplacementKeepsNodeIdIpVolumeAndDirectoryAndTheQuorumCatchesUp() throws Exception {
        Path libs = JarRun.jar().getParent().getParent().getParent().resolve("simulation-kafka4/target/kafka-libs");
        Requirements.require(Files.isDirectory(libs), "no Kafka 4 classpath at " + libs + "; build simulation-kafka4 first");
        Path workdir = tmp.resolve("sim");
        Path stderr = tmp.resolve("stderr.txt");
        Process p = JarRun.start(stderr, "simulate", "--kafka-mode", "kraft", "--brokers", "3", "--replacements", "1",
                "--workdir", workdir.toString(), "--records", "5000", "--records-while-down", "2000", "--kafka-port", KAFKA_PORT,
                "--output", "json");
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue(); // a bound for a broken run on a loaded machine
        String log = Files.readString(stderr);
        assertThat(p.exitValue()).as(log).isZero();

        assertThat(stdout.lines().count()).as("exactly one JSON object on stdout").isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(stdout);
        assertThat(json.get("kafkaMode").asText()).isEqualTo("kraft");
        assertThat(json.get("underReplicatedPartitions").asInt()).isZero();
        assertThat(json.get("offlinePartitions").asInt()).isZero();
        assertThat(json.get("recordsInTopic").asLong()).isEqualTo(7000).isEqualTo(json.get("recordsProduced").asLong());

        // Same node id, ENI IP, volume and log directory (directory.id), on a new instance in the same AZ.
        assertThat(json.get("replacements")).hasSize(1);
        JsonNode r = json.get("replacements").get(0);
        JsonNode before = r.get("before");
        JsonNode after = r.get("after");
        assertThat(r.get("brokerId").asInt()).isZero();
        assertThat(after.get("privateIp").asText()).isEqualTo(before.get("privateIp").asText()).isEqualTo("127.0.1.10");
        assertThat(after.get("volumeId").asText()).isEqualTo(before.get("volumeId").asText());
        assertThat(after.get("directoryId").asText()).isEqualTo(before.get("directoryId").asText()).hasSize(22);
        assertThat(after.get("instanceId").asText()).isNotEqualTo(before.get("instanceId").asText());
        assertThat(after.get("availabilityZone").asText()).isEqualTo(before.get("availabilityZone").asText());
        assertThat(r.get("bytesOnVolumeAtBoot").asLong()).isGreaterThan(5000L * 1024);
        assertThat(r.get("bytesFetchedFromPeers").asLong()).isBetween(1L, 4000L * 1024);
        assertThat(r.get("waitHealthy").get("registered").asBoolean()).isTrue();
        assertThat(r.get("waitHealthy").get("partitions").asInt()).isEqualTo(6);
        assertThat(r.get("waitHealthy").get("outOfIsr")).isEmpty();

        // The quorum is back: a leader, exactly the three voters, each caught up with the leader.
        JsonNode quorum = json.get("quorum");
        assertThat(quorum.get("leader").asInt()).isBetween(0, 2);
        assertThat(quorum.get("voters")).extracting(v -> v.get("id").asInt()).containsExactly(0, 1, 2);
        assertThat(quorum.get("voters")).allSatisfy(v -> {
            assertThat(v.get("lag").asLong()).isZero();
            assertThat(v.get("logEndOffset").asLong()).isPositive();
        });

        // The boot sequence of the recipe: a new volume is formatted once; the reattached one is not formatted again.
        List<String> kraftSteps = List.of("bootstrap", "kafka-storage format", "start Kafka", "wait-healthy", "signal --success");
        assertThat(json.get("boots")).hasSize(4).allSatisfy(boot -> {
            assertThat(boot.get("succeeded").asBoolean()).isTrue();
            assertThat(boot.get("steps")).extracting(st -> st.get("step").asText()).containsExactlyElementsOf(kraftSteps);
            assertThat(boot.get("steps")).allSatisfy(st -> assertThat(st.get("exitCode").asInt()).isZero());
            assertThat(boot.get("lifecycleState").asText()).isEqualTo("InService");
        });
        List<String> formats = new ArrayList<>();
        json.get("boots").forEach(b -> formats.add(b.get("steps").get(1).get("detail").asText()));
        assertThat(formats.subList(0, 3)).allSatisfy(d -> assertThat(d).startsWith("formatted "));
        assertThat(formats.get(3)).startsWith("skipped: ").contains("directory.id " + before.get("directoryId").asText());

        // What the replacement runs: a KRaft combined node rendered with the ENIs' addresses as voters, no ZooKeeper.
        Path root = workdir.resolve("instances").resolve(after.get("instanceId").asText());
        Properties server = load(root.resolve("etc/kafka/server.properties"));
        assertThat(server.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(server.getProperty("node.id")).isEqualTo("0");
        assertThat(server.getProperty("controller.quorum.voters"))
                .isEqualTo("0@127.0.1.10:23093,1@127.0.2.11:23093,2@127.0.3.12:23093");
        assertThat(server.stringPropertyNames()).noneMatch(k -> k.startsWith("zookeeper."));
        Properties meta = load(Path.of(server.getProperty("log.dirs")).resolve("meta.properties"));
        assertThat(meta.getProperty("node.id")).isEqualTo("0");
        assertThat(meta.getProperty("directory.id")).isEqualTo(before.get("directoryId").asText());
        assertThat(Files.readString(root.resolve("logs/kafka.log"))).contains("Kafka version: 4.");

        // No ZooKeeper at all: the claim was the ENI attachment, through the real CLI.
        assertThat(log).doesNotContain("ZooKeeper up").contains("claims: the ENI attachments (no ZooKeeper)");
        String helperLog = Files.readString(root.resolve("logs/kafka-aas.log"));
        assertThat(helperLog).contains("--claim-store eni").doesNotContain("--zookeeper")
                .contains("claimed broker id 0 by attaching");
        assertThat(log).contains("stopped every broker");
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
