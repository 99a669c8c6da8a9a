package io.kafkaaas.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaaas.testing.JarRun;
import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command, end to end: the shaded jar runs the simulation with 3 real Kafka 3.9 brokers
 * and 1 replacement; the replacement must come back with the same broker id, ENI IP and volume.
 */
class SimulationIT {
    @TempDir
    Path tmp;

    private static void requireKafkaLibs() {
        Path libs = JarRun.jar().getParent().getParent().getParent().resolve("simulation-kafka/target/kafka-libs");
        Requirements.require(Files.isDirectory(libs), "no Kafka classpath at " + libs + "; build simulation-kafka first");
    }

    @Test
    void threeBrokersOneReplacementKeepsIdIpAndDataAndEndsFullyReplicated() throws Exception {
        requireKafkaLibs();
        Path workdir = tmp.resolve("sim");
        Path stderr = tmp.resolve("stderr.txt");
        Process p = JarRun.start(stderr, "simulate", "--brokers", "3", "--replacements", "1", "--workdir", workdir.toString(),
                "--records", "5000", "--records-while-down", "2000", "--output", "json");
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(8, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(stderr);
        assertThat(p.exitValue()).as(log).isZero();

        assertThat(stdout.lines().count()).as("exactly one JSON object on stdout").isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(stdout);
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("underReplicatedPartitions").asInt()).isZero();
        assertThat(json.get("recordsInTopic").asLong()).isEqualTo(7000).isEqualTo(json.get("recordsProduced").asLong());
        JsonNode r = json.get("replacements").get(0);
        assertThat(json.get("replacements")).hasSize(1);
        assertThat(r.get("brokerId").asInt()).isZero();
        assertThat(r.get("after").get("privateIp").asText()).isEqualTo(r.get("before").get("privateIp").asText()).isEqualTo("127.0.1.10");
        assertThat(r.get("after").get("volumeId").asText()).isEqualTo(r.get("before").get("volumeId").asText());
        assertThat(r.get("after").get("instanceId").asText()).isNotEqualTo(r.get("before").get("instanceId").asText());
        assertThat(r.get("after").get("availabilityZone").asText()).isEqualTo(r.get("before").get("availabilityZone").asText());
        // The reattached volume kept the old log: the replacement fetched only what it missed, not all 7000 records.
        assertThat(r.get("bytesOnVolumeAtBoot").asLong()).isGreaterThan(5000L * 1024);
        assertThat(r.get("bytesFetchedFromPeers").asLong()).isBetween(1L, 4000L * 1024);
        assertThat(r.get("secondsToInSync").asDouble()).isPositive();
        assertThat(json.get("finalBrokers")).extracting(b -> b.get("privateIp").asText())
                .containsExactly("127.0.1.10", "127.0.2.11", "127.0.3.12");

        // The claim went through the real CLI: the replacement took broker id 0 over from the terminated owner.
        String newInstance = r.get("after").get("instanceId").asText();
        String helperLog = Files.readString(workdir.resolve("instances").resolve(newInstance).resolve("logs/kafka-aas.log"));
        assertThat(helperLog).contains("took over broker id 0 from " + r.get("before").get("instanceId").asText());
        assertThat(log).contains("stopped every broker, ZooKeeper and the local cloud");
    }

    @Test
    void ctrlCStopsEveryBrokerAndExits() throws Exception {
        requireKafkaLibs();
        Path stderr = tmp.resolve("stderr.txt");
        Process p = JarRun.start(stderr, "simulate", "--brokers", "2", "--workdir", tmp.resolve("sim").toString(),
                "--records", "2000000", "--record-size", "100", "--kafka-port", "19092");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos(); // a bound for a broken run on a loaded machine
        while (!Files.readString(stderr).contains("brokers registered in ZooKeeper")) {
            assertThat(p.isAlive()).as(Files.readString(stderr)).isTrue();
            assertThat(System.nanoTime()).as("brokers did not register in time").isLessThan(deadline);
            Thread.sleep(200);
        }
        List<ProcessHandle> children = p.descendants().toList();
        assertThat(children).isNotEmpty();

        p.destroy(); // SIGTERM, what Ctrl-C's SIGINT also triggers: the JVM's shutdown hooks
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        for (ProcessHandle child : children) {
            child.onExit().get(60, TimeUnit.SECONDS);
            assertThat(child.isAlive()).as("child " + child.pid() + " " + child.info().commandLine().orElse("")).isFalse();
        }
        assertThat(Files.readString(stderr)).contains("interrupted: stopping brokers, ZooKeeper and the local cloud");
    }
}
