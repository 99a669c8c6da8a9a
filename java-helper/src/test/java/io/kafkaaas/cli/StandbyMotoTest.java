package io.kafkaaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaaas.instance.WaitingInstances;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.EmbeddedZooKeeper;
import io.kafkaaas.testing.MotoEc2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Day-2 views against moto and a real ZooKeeper: a boot that finds no free id (exit 3) tags its instance as a standby
 * and writes its one structured timing line; status lists every slot of a raised broker count (an id without an ENI
 * yet included), the retired ids and the standbys.
 */
class StandbyMotoTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String AZ = "us-east-1a";

    @TempDir
    Path root;
    @TempDir
    Path standbyRoot;
    @RegisterExtension
    final EmbeddedZooKeeper zookeeper = new EmbeddedZooKeeper();
    @RegisterExtension
    final MotoEc2 moto = new MotoEc2();

    private CliRun bootstrap(Path sandbox, String instanceId) {
        List<String> args = new ArrayList<>(List.of("bootstrap", "--zookeeper", zookeeper.connectString(),
                "--cluster", "C", "--broker-count", "1", "--instance-id", instanceId, "--availability-zone", AZ,
                "--no-mount", "--mount-point", "/var/lib/kafka", "--interface-timeout", "0", "--network-style", "none",
                "--root", sandbox.toString(), "--kafka-group", "root", "--output", "json"));
        args.addAll(List.of(moto.server().cliOptions()));
        // A claim that would be exit 3 asks Auto Scaling whether an owner is leaving: moto's, where no instance is in a group.
        args.addAll(List.of("--autoscaling-endpoint", moto.server().endpoint().toString()));
        return CliRun.of(args);
    }

    private static JsonNode journalLine(CliRun run) throws IOException {
        List<String> lines = run.stderr().lines().filter(l -> l.startsWith(BootTimingLine.PREFIX)).toList();
        assertThat(lines).as("exactly one kafka-aas-boot line in:%n%s", run.stderr()).hasSize(1);
        return MAPPER.readTree(lines.get(0).substring(BootTimingLine.PREFIX.length()));
    }

    private Map<String, String> tagsOf(String instanceId) {
        return moto.ec2().describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void anInstanceWithoutAnIdIsMarkedAStandbyAndStatusShowsEverySlotRetiredIdAndStandby() throws IOException {
        moto.fixtures().createEni("KAFKA-0", AZ);
        moto.fixtures().createVolume("KAFKA-0", AZ, 10);
        moto.fixtures().createEni("KAFKA-5-retired", AZ);
        String broker = moto.fixtures().runInstance(AZ);
        String standby = moto.fixtures().runInstance(AZ);

        CliRun booted = bootstrap(root, broker);
        assertThat(booted.exitCode()).as(booted.stderr()).isZero();
        JsonNode ok = journalLine(booted);
        assertThat(ok.get("event").asText()).isEqualTo("bootstrap");
        assertThat(ok.get("instanceId").asText()).isEqualTo(broker);
        assertThat(ok.get("brokerId").asInt()).isZero();
        assertThat(ok.get("exitCode").asInt()).isZero();
        assertThat(ok.get("failedStep").isNull()).isTrue();
        assertThat(ok.get("tookMs").asLong()).isNotNegative();
        assertThat(ok.get("steps").fieldNames()).toIterable().containsExactly("claim", "eni", "volume", "network", "secrets", "render");
        ok.get("steps").forEach(step -> assertThat(step.get("ms").asLong()).isNotNegative());
        assertThat(ok.get("steps").get("network").get("skipped").asBoolean()).isTrue();
        assertThat(tagsOf(broker)).doesNotContainKey(WaitingInstances.WAITING_TAG);

        CliRun noId = bootstrap(standbyRoot, standby);
        assertThat(noId.exitCode()).as(noId.stderr()).isEqualTo(3);
        JsonNode failed = journalLine(noId);
        assertThat(failed.get("exitCode").asInt()).isEqualTo(3);
        assertThat(failed.get("failedStep").asText()).isEqualTo("claim");
        assertThat(failed.get("brokerId").isNull()).isTrue();
        assertThat(failed.get("steps")).isEmpty();
        assertThat(tagsOf(standby)).containsEntry(WaitingInstances.WAITING_TAG, "C");
        assertThat(standbyRoot.resolve("etc/kafka/server.properties")).doesNotExist();
        // What tells the boot script, after a converge that hides the exit code, to signal --waiting.
        assertThat(standbyRoot.resolve(WaitingMarker.PATH)).hasContent("C" + System.lineSeparator());
        assertThat(root.resolve(WaitingMarker.PATH)).doesNotExist();

        // The operator raised the broker count to 2 before creating KAFKA-1: its slot shows, with no ENI yet.
        List<String> status = new ArrayList<>(List.of("status", "--zookeeper", zookeeper.connectString(), "--cluster", "C",
                "--broker-count", "2"));
        status.addAll(List.of(moto.server().cliOptions()));
        CliRun json = CliRun.of(concat(status, List.of("--output", "json")));
        assertThat(json.exitCode()).as(json.stderr()).isZero();
        JsonNode slots = json.json().get("slots");
        assertThat(slots).hasSize(2);
        assertThat(slots.get(0).get("owner").asText()).isEqualTo(broker);
        assertThat(slots.get(1).get("availabilityZone").asText()).isEqualTo("none");
        assertThat(slots.get(1).get("liveness").asText()).isEqualTo("absent");
        assertThat(json.json().get("retired")).singleElement().satisfies(r -> assertThat(r.get("brokerId").asInt()).isEqualTo(5));
        assertThat(json.json().get("waitingForId")).singleElement().satisfies(w -> {
            assertThat(w.get("instanceId").asText()).isEqualTo(standby);
            assertThat(w.get("state").asText()).isEqualTo("running");
        });

        CliRun text = CliRun.of(status);
        assertThat(text.exitCode()).as(text.stderr()).isZero();
        assertThat(text.stdout()).containsPattern("1 +none .*no ENI tagged KAFKA-1 yet")
                .contains("retired: broker id 5", "waiting for an id: " + standby);

        // Once terminated, a standby is no longer listed.
        moto.fixtures().terminate(standby);
        CliRun after = CliRun.of(concat(status, List.of("--output", "json")));
        assertThat(after.json().get("waitingForId")).isEmpty();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
