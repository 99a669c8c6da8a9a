package io.kafkaaas.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaaas.cli.LauncherFlags;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.LocalCloudFixture;
import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production jar as 64 separate processes started at the same moment, like instances of an Auto Scaling group
 * booting together, claiming with --claim-store eni against the local cloud: AttachNetworkInterface is the only lock.
 * Then a replacement wave, and release-id and status on the ENI store.
 */
class EniClaimProcessesIT {
    private static final Path JAR = Path.of("../java-helper/target/kafka-aas.jar").toAbsolutePath().normalize();
    private static final CloudTimings TIMINGS = new CloudTimings(Duration.ofMillis(50), Duration.ofMillis(50),
            Duration.ofMillis(50), Duration.ofSeconds(2));
    private static final String AZ = "us-east-1a";
    private static final int SLOTS = 72;

    @TempDir
    Path workdir;
    private LocalCloudFixture cloud;
    /** The AppCDS archive every claim-id process maps, as the AMI's helper maps the bake's (see {@link #setUp}). */
    private Path archive;

    private record Result(int exitCode, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(stdout);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        Requirements.require(Files.isRegularFile(JAR), "the production jar " + JAR + " is not built; run ./mvnw verify");
        cloud = new LocalCloudFixture(workdir, TIMINGS);
        cloud.brokers(SLOTS, AZ);
        archive = trainArchive();
    }

    /**
     * A read-only run (status on the ENI store: the EC2 client, its describe calls, the claim rules' classes) dumps
     * the classes it loaded; each of the 64 processes then maps them, as an instance maps the bake's archive. Without
     * it 64 JVMs loading the SDK from the jar took two thirds of this test's minutes on two cores.
     */
    private Path trainArchive() throws Exception {
        Path dump = workdir.resolve("claim-id.jsa");
        List<String> args = new ArrayList<>(java());
        args.addAll(List.of("-XX:ArchiveClassesAtExit=" + dump, "-jar", JAR.toString(), "status", "--claim-store", "eni",
                "--broker-count", String.valueOf(SLOTS), "--region", LocalCloudFixture.REGION,
                "--ec2-endpoint", cloud.server().ec2Endpoint().toString(), "--output", "json"));
        Result training = await(start(args));
        assertThat(training.exitCode()).as(training.stderr()).isZero();
        Requirements.require(Files.isRegularFile(dump), "the JVM wrote no AppCDS archive at " + dump + ": " + training.stderr());
        return dump;
    }

    /** The shipped launcher's flags, with a smaller heap ceiling for 64 JVMs at once (the last -Xmx wins). */
    private static List<String> java() {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        java.addAll(LauncherFlags.all());
        java.add("-Xmx96m");
        return java;
    }

    private static Process start(List<String> args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(args);
        builder.environment().put("AWS_ACCESS_KEY_ID", "local");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        return builder.start();
    }

    @AfterEach
    void tearDown() {
        if (cloud != null) {
            cloud.close();
        }
    }

    /** The options claim-id and status share. */
    private String[] options(CloudInstance instance) {
        return new String[] {"--claim-store", "eni", "--broker-count", String.valueOf(SLOTS), "--instance-id", instance.id(),
                "--availability-zone", instance.availabilityZone(), "--region", LocalCloudFixture.REGION,
                "--ec2-endpoint", cloud.server().ec2Endpoint().toString(), "--output", "json"};
    }

    private Process launch(CloudInstance instance) throws IOException {
        List<String> args = new ArrayList<>(java());
        args.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-jar", JAR.toString(), "claim-id"));
        args.addAll(List.of(options(instance)));
        // The losers' exit 3 first asks whether a holder is leaving: the local cloud's group, not AWS.
        args.addAll(List.of("--autoscaling-endpoint", cloud.server().ec2Endpoint().toString()));
        // 64 JVMs starting at once on a small shared machine take minutes: the bound is for a broken run only.
        args.addAll(List.of("--timeout", "1800"));
        return start(args);
    }

    private static Result await(Process process) throws Exception {
        // Drain both pipes while waiting, so a chatty process never blocks on a full pipe.
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        assertThat(process.waitFor(30, TimeUnit.MINUTES)).as("claim-id finished").isTrue();
        return new Result(process.exitValue(), out.get(), err.get());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts every process before waiting for any; returns instance id to result. */
    private Map<String, Result> claimTogether(List<CloudInstance> instances) throws Exception {
        Map<String, Process> processes = new HashMap<>();
        for (CloudInstance instance : instances) {
            processes.put(instance.id(), launch(instance));
        }
        Map<String, Result> results = new HashMap<>();
        for (Map.Entry<String, Process> p : processes.entrySet()) {
            results.put(p.getKey(), await(p.getValue()));
        }
        return results;
    }

    private static Map<String, Integer> winners(Map<String, Result> results) throws IOException {
        Map<String, Integer> won = new HashMap<>();
        for (Map.Entry<String, Result> r : results.entrySet()) {
            if (r.getValue().exitCode() == 0) {
                assertThat(r.getValue().json().get("changed").asBoolean()).isTrue();
                won.put(r.getKey(), r.getValue().json().get("brokerId").asInt());
            } else {
                assertThat(r.getValue().exitCode()).as(r.getValue().stderr()).isEqualTo(3);
            }
        }
        return won;
    }

    private void assertTheCloudAgrees(Map<String, Integer> won) {
        Map<String, List<String>> heldBy = new HashMap<>();
        for (CloudEni eni : cloud.cloud().networkInterfaces()) {
            eni.attachment().ifPresent(a -> heldBy.computeIfAbsent(a.instanceId(), k -> new ArrayList<>()).add(eni.name()));
        }
        won.forEach((instance, id) -> assertThat(heldBy.get(instance)).as(instance).containsExactly("KAFKA-" + id));
        assertThat(won.values()).doesNotHaveDuplicates();
    }

    @Test
    void sixtyFourProcessesGetTheLowestSixtyFourIdsAndAReplacementWaveGetsExactlyTheFreedOnes() throws Exception {
        List<CloudInstance> firstBoot = IntStream.range(0, 64).mapToObj(i -> cloud.running(AZ)).toList();
        Map<String, Integer> first = winners(claimTogether(firstBoot));
        assertThat(first.values()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 64).boxed().toList());
        assertTheCloudAgrees(first);

        // Every eighth holder is terminated; ten replacements race for the 8 freed ids and the 8 never used.
        List<Integer> freed = IntStream.range(0, 8).map(i -> 8 * i).boxed().toList();
        List<CloudInstance> replacements = IntStream.range(0, 18).mapToObj(i -> cloud.running(AZ)).toList();
        List<String> gone = first.entrySet().stream().filter(e -> freed.contains(e.getValue())).map(Map.Entry::getKey).toList();
        gone.forEach(id -> cloud.cloud().terminate(id));
        while (gone.stream().anyMatch(id -> !cloud.cloud().instance(id).state().equals("terminated"))) {
            cloud.awaitScheduled("by the OS shutdown of the old holders");
            cloud.advance(TIMINGS.shutdown());
        }
        Map<String, Result> second = claimTogether(replacements);
        Map<String, Integer> secondWon = winners(second);
        List<Integer> expected = new ArrayList<>(freed);
        expected.addAll(IntStream.range(64, SLOTS).boxed().toList());
        assertThat(secondWon.values()).containsExactlyInAnyOrderElementsOf(expected);
        Result refused = second.values().stream().filter(r -> r.exitCode() == 3).findFirst().orElseThrow();
        assertThat(second.values().stream().filter(r -> r.exitCode() == 3)).hasSize(2);
        assertThat(refused.stderr()).contains("kafka-aas: claim-id: no free broker id for", "claim store eni",
                "(running, a live instance; attachment attached)", "71 i-");

        // A re-run keeps its id; release-id detaches nothing; status shows every holder.
        String survivor = secondWon.keySet().iterator().next();
        CloudInstance instance = cloud.cloud().instance(survivor);
        Result again = await(launch(instance));
        assertThat(again.json().get("brokerId").asInt()).isEqualTo(secondWon.get(survivor));
        assertThat(again.json().get("changed").asBoolean()).isFalse();

        List<String> release = List.of("release-id", "--claim-store", "eni", "--instance-id", survivor,
                "--availability-zone", AZ, "--region", LocalCloudFixture.REGION,
                "--ec2-endpoint", cloud.server().ec2Endpoint().toString(), "--output", "json");
        CliRun released = CliRun.of(release);
        assertThat(released.exitCode()).as(released.stderr()).isZero();
        assertThat(released.json().get("changed").asBoolean()).isFalse();
        assertThat(released.json().get("claimStore").asText()).isEqualTo("eni");
        assertThat(cloud.cloud().networkInterfaces().stream().filter(e -> e.name().equals("KAFKA-" + secondWon.get(survivor)))
                .findFirst().orElseThrow().attachment().orElseThrow().instanceId()).isEqualTo(survivor);

        List<String> status = new ArrayList<>(List.of("status"));
        status.addAll(List.of(options(instance)));
        JsonNode slots = CliRun.of(status).json().get("slots");
        assertThat(slots).hasSize(SLOTS);
        assertTheCloudAgrees(secondWon);
        secondWon.forEach((id, broker) -> assertThat(slots.get(broker).get("owner").asText()).isEqualTo(id));
        assertThat(slots.get(1).get("ownerState").asText()).isEqualTo("running");
    }
}
