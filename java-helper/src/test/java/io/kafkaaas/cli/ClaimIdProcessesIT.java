package io.kafkaaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaaas.testing.MotoFixtures;
import io.kafkaaas.testing.MotoServer;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped jar, as separate processes started at the same moment, like instances booting together,
 * against a real ZooKeeper and the real EC2 SDK on moto_server.
 */
class ClaimIdProcessesIT {
    private static final String JAR = System.getProperty("kafkaaas.jar", "target/kafka-aas.jar");

    /** The AppCDS archive the processes map, trained once by a read-only status run (see {@link #archive}). */
    @TempDir
    static Path archives;
    private static Path archive;

    private TestingServer zookeeper;
    private MotoServer moto;
    private MotoFixtures fixtures;

    record Result(int exitCode, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(stdout);
        }
    }

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer();
        moto = MotoServer.get();
        fixtures = new MotoFixtures(moto.ec2());
        fixtures.createBrokerEnis("KAFKA-", 16, "us-east-1a");
    }

    @AfterEach
    void stop() throws IOException {
        zookeeper.close();
    }

    /**
     * The classes a status run loads (ZooKeeper, the EC2 client and its describe calls, the claim rules), dumped once
     * and mapped by every process, as an instance maps the bake's archive: the processes start three times faster.
     */
    private Path archive() throws Exception {
        if (archive == null) {
            Path dump = archives.resolve("claim-id.jsa");
            Result training = await(start(List.of("-XX:ArchiveClassesAtExit=" + dump), "status", "i-training", "us-east-1a"));
            assertThat(training.exitCode()).as(training.stderr()).isZero();
            assertThat(dump).as("the training run's AppCDS archive").isRegularFile();
            archive = dump;
        }
        return archive;
    }

    private Process launch(String command, String instanceId, String az, String... extra) throws Exception {
        return start(List.of("-XX:SharedArchiveFile=" + archive()), command, instanceId, az, extra);
    }

    private Process start(List<String> jvmFlags, String command, String instanceId, String az, String... extra) throws IOException {
        // The shipped launcher's flags; JVM warnings to stderr, so stdout stays one JSON object.
        List<String> args = new ArrayList<>(List.of("java"));
        args.addAll(LauncherFlags.all());
        args.addAll(jvmFlags);
        args.addAll(List.of("-jar", Path.of(JAR).toAbsolutePath().toString(), command,
                "--zookeeper", zookeeper.getConnectString(), "--cluster", "C", "--broker-count", "16",
                "--instance-id", instanceId, "--availability-zone", az,
                "--region", "us-east-1", "--ec2-endpoint", moto.endpoint().toString(), "--output", "json"));
        if (command.equals("claim-id")) {
            // An exit 3 first asks Auto Scaling whether an owner is leaving: moto's, where no instance is in a group.
            args.addAll(List.of("--autoscaling-endpoint", moto.endpoint().toString()));
        }
        args.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(args);
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        return builder.start();
    }

    private static Result await(Process process) throws Exception {
        // Drain both pipes while waiting, so a chatty process never blocks on a full pipe.
        var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("process finished").isTrue();
        return new Result(process.exitValue(), out.get(), err.get());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Result run(String command, String instanceId, String az, String... extra) throws Exception {
        return await(launch(command, instanceId, az, extra));
    }

    @Test
    void sixteenInstancesBootingTogetherGetSixteenDistinctIdsAndASeventeenthIsToldWhy() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            processes.add(launch("claim-id", String.format("i-%04d", i), "us-east-1a"));
        }
        Set<Integer> ids = new HashSet<>();
        for (Process process : processes) {
            Result result = await(process);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            JsonNode json = result.json();
            assertThat(json.get("changed").asBoolean()).isTrue();
            ids.add(json.get("brokerId").asInt());
        }
        assertThat(ids).hasSize(16).allMatch(id -> id >= 0 && id < 16);

        Result seventeenth = run("claim-id", "i-0016", "us-east-1a");
        assertThat(seventeenth.exitCode()).isEqualTo(3);
        assertThat(seventeenth.stderr()).contains("kafka-aas: claim-id: no free broker id for i-0016 in us-east-1a")
                .containsPattern("slots: 0 i-00[01][0-9] \\(unknown, alive")
                .containsPattern("; 15 i-00[01][0-9] \\(unknown, alive");
        assertThat(seventeenth.json().get("exitCode").asInt()).isEqualTo(3);

        Result again = run("claim-id", "i-0007", "us-east-1a");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.json().get("changed").asBoolean()).isFalse();
        assertThat(ids).contains(again.json().get("brokerId").asInt());
    }

    @Test
    void aTerminatedOwnersIdIsTakenOverAndARunningOwnersIdNeverIs() throws Exception {
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String owner = fixtures.runInstance("us-east-1a");
            owners.add(owner);
            Result claimed = run("claim-id", owner, "us-east-1a");
            assertThat(claimed.json().get("brokerId").asInt()).isEqualTo(i);
        }
        String replacement = fixtures.runInstance("us-east-1a");
        Result refused = run("claim-id", replacement, "us-east-1a");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.stderr()).contains("(running, alive)");

        fixtures.terminate(owners.get(5));
        Result takeover = run("claim-id", replacement, "us-east-1a");

        assertThat(takeover.exitCode()).as(takeover.stderr()).isZero();
        assertThat(takeover.json().get("brokerId").asInt()).isEqualTo(5);
        assertThat(takeover.json().get("takenOverFrom").asText()).isEqualTo(owners.get(5));
        Result status = run("status", replacement, "us-east-1a");
        JsonNode slots = status.json().get("slots");
        assertThat(slots.get(5).get("owner").asText()).isEqualTo(replacement);
        for (int i = 0; i < 16; i++) {
            if (i != 5) {
                assertThat(slots.get(i).get("owner").asText()).isEqualTo(owners.get(i));
            }
        }
    }

    @Test
    void anEniInAnotherZoneMakesItsIdIneligible() throws Exception {
        fixtures.createEni("KAFKA-16", "us-east-1b");
        Result inB = run("claim-id", "i-00b0", "us-east-1b", "--broker-count", "17");
        assertThat(inB.exitCode()).as(inB.stderr()).isZero();
        assertThat(inB.json().get("brokerId").asInt()).isEqualTo(16);

        Result secondInB = run("claim-id", "i-00b1", "us-east-1b", "--broker-count", "17");
        assertThat(secondInB.exitCode()).isEqualTo(3);
        assertThat(secondInB.stderr()).contains("0 free [ENI AZ us-east-1a]");

        Result inC = run("claim-id", "i-00c0", "us-east-1c", "--broker-count", "17");
        assertThat(inC.exitCode()).isEqualTo(3);
        assertThat(inC.stderr()).contains("no ENI tagged KAFKA-0..KAFKA-16 is in that AZ");
    }
}
