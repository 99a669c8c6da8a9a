package io.kafkaaas.tooling;

import com.sun.net.httpserver.HttpServer;
import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boot and termination scripts run for real under bash, with chef-client, kafka-aas and systemctl replaced
 * by recorders on PATH and instance metadata served by a local HTTP server.
 */
class ScriptBehaviourTest {
    private static final Path FILES = Repo.path("cookbooks/kafka_aas/files");

    @TempDir
    Path tmp;
    private Path bin;
    private Path calls;

    @BeforeEach
    void setUp() {
        Requirements.requireTool("bash");
        bin = tmp.resolve("bin");
        calls = tmp.resolve("calls.log");
        Repo.write(calls, "");
    }

    /** A fake command that appends "name args..." to calls.log and exits with the given code (and prints output). */
    private void fake(String name, int exitCode, String output) {
        Path script = bin.resolve(name);
        Repo.write(script, "#!/usr/bin/env bash\necho \"" + name + " $*\" >>'" + calls + "'\nprintf '%s' '" + output + "'\nexit " + exitCode + "\n");
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Tool runScript(String script, Map<String, String> env, String... args) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PATH", bin + ":/usr/bin:/bin");
        // The boot script removes the marker before it converges: never the machine's own /run/kafka-aas.
        all.putIfAbsent("KAFKA_AAS_WAITING_MARKER", tmp.resolve("run/waiting-for-id").toString());
        List<String> command = new java.util.ArrayList<>(List.of("bash", FILES.resolve(script).toString()));
        command.addAll(List.of(args));
        return Tool.run(tmp, all, command);
    }

    private List<String> calls() {
        return Repo.read(calls).lines().toList();
    }

    /** A fake kafka-aas that fails one command with the given exit code and succeeds at every other. */
    private void fakeHelperFailing(String command, int exitCode) {
        Path script = bin.resolve("kafka-aas");
        Repo.write(script, "#!/usr/bin/env bash\necho \"kafka-aas $*\" >>'" + calls + "'\n"
                + "if [[ \"$1\" == " + command + " ]]; then echo 'kafka-aas: " + command + ": failed' >&2; exit " + exitCode + "; fi\n");
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bootConvergesConfigureThenSignalsSuccess() {
        fake("chef-client", 0, "");
        fake("kafka-aas", 0, "");
        Repo.write(tmp.resolve("conf/kafka-aas.properties"), "cluster=c\n");

        Tool run = runScript("kafka-aas-boot.sh", Map.of("KAFKA_AAS_CONFIG_DIR", tmp.resolve("conf").toString()));

        assertThat(run.ok()).as(run.output()).isTrue();
        assertThat(calls()).containsExactly(
                "chef-client --local-mode --config " + tmp.resolve("conf/client.rb") + " --json-attributes "
                        + tmp.resolve("conf/boot.json") + " --override-runlist recipe[kafka_aas::configure]",
                "kafka-aas wait-healthy --timeout 900 --connect-timeout 900 --config " + tmp.resolve("conf/kafka-aas.properties"),
                "kafka-aas signal --success --config " + tmp.resolve("conf/kafka-aas.properties"));
    }

    @Test
    void aBrokerThatNeverBecomesHealthySignalsFailureWithTheHealthExitCode() {
        fake("chef-client", 0, "");
        fakeHelperFailing("wait-healthy", 4);
        Repo.write(tmp.resolve("conf/kafka-aas.properties"), "cluster=c\n");

        Tool run = runScript("kafka-aas-boot.sh", Map.of("KAFKA_AAS_CONFIG_DIR", tmp.resolve("conf").toString(),
                "KAFKA_AAS_HEALTH_TIMEOUT", "30"));

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(calls()).containsExactly(
                "chef-client --local-mode --config " + tmp.resolve("conf/client.rb") + " --json-attributes "
                        + tmp.resolve("conf/boot.json") + " --override-runlist recipe[kafka_aas::configure]",
                "kafka-aas wait-healthy --timeout 30 --connect-timeout 30 --config " + tmp.resolve("conf/kafka-aas.properties"),
                "kafka-aas signal --failure --config " + tmp.resolve("conf/kafka-aas.properties"));
        assertThat(run.output()).contains("wait-healthy failed (exit 4)");
    }

    @Test
    void aFailedConvergeSignalsFailureAndKeepsItsExitCode() {
        fake("chef-client", 3, "");
        fake("kafka-aas", 0, "");

        Tool run = runScript("kafka-aas-boot.sh", Map.of("KAFKA_AAS_CONFIG_DIR", tmp.resolve("conf").toString()));

        assertThat(run.exitCode()).isEqualTo(3);
        // The recipe never wrote the options file: signal finds its targets through IMDS and the instance's tags.
        assertThat(calls()).last().isEqualTo("kafka-aas signal --failure");
        assertThat(run.output()).contains("configure failed (exit 3)");
    }

    /** A fake chef-client whose converge fails with exit 1 after its bootstrap wrote the no-free-id marker (exit 3). */
    private void fakeConvergeFindingNoFreeId(Path marker) {
        Path script = bin.resolve("chef-client");
        Repo.write(script, "#!/usr/bin/env bash\necho \"chef-client $*\" >>'" + calls + "'\n"
                + "mkdir -p '" + marker.getParent() + "' && echo c >'" + marker + "'\nexit 1\n");
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aConvergeThatFoundNoFreeIdSignalsWaitingInsteadOfFailure() {
        Path marker = tmp.resolve("run/waiting-for-id");
        fakeConvergeFindingNoFreeId(marker);
        fake("kafka-aas", 0, "");

        Tool run = runScript("kafka-aas-boot.sh", Map.of("KAFKA_AAS_CONFIG_DIR", tmp.resolve("conf").toString(),
                "KAFKA_AAS_WAITING_MARKER", marker.toString()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(calls()).last().isEqualTo("kafka-aas signal --waiting");
        assertThat(calls()).noneMatch(c -> c.contains("--failure"));
        assertThat(run.output()).contains("standby");
    }

    @Test
    void aStandbyBootedAgainWhoseConvergeFailsForAnotherReasonSignalsFailureNotWaiting() {
        // The marker of an earlier boot without an id (/run survives `systemctl restart kafka-aas-boot`, the standby
        // runbook); this converge failed before or after the claim, for a reason of its own.
        Path marker = tmp.resolve("run/waiting-for-id");
        Repo.write(marker, "c\n");
        fake("chef-client", 1, "");
        fake("kafka-aas", 0, "");

        Tool run = runScript("kafka-aas-boot.sh", Map.of("KAFKA_AAS_CONFIG_DIR", tmp.resolve("conf").toString(),
                "KAFKA_AAS_WAITING_MARKER", marker.toString()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(calls()).last().isEqualTo("kafka-aas signal --failure");
        assertThat(calls()).noneMatch(c -> c.contains("--waiting"));
    }

    @Test
    void terminationReleasesTheIdAfterStoppingKafkaOnceTheGroupTerminates() throws IOException {
        Requirements.requireTool("curl");
        fake("systemctl", 0, "");
        fake("kafka-aas", 0, "");
        AtomicInteger polls = new AtomicInteger();
        List<String> tokens = new CopyOnWriteArrayList<>();
        HttpServer imds = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        imds.createContext("/latest/api/token", ex -> {
            ex.getRequestBody().readAllBytes();
            boolean put = ex.getRequestMethod().equals("PUT") && ex.getRequestHeaders().containsKey("X-aws-ec2-metadata-token-ttl-seconds");
            respond(ex, put ? 200 : 405, put ? "token-1" : "");
        });
        imds.createContext("/latest/meta-data/autoscaling/target-lifecycle-state", ex -> {
            String token = ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token");
            tokens.add(String.valueOf(token));
            respond(ex, token == null ? 401 : 200, polls.incrementAndGet() < 3 ? "InService" : "Terminated");
        });
        imds.start();
        try {
            Tool run = runScript("kafka-aas-termination-watch.sh", Map.of(
                    "KAFKA_AAS_IMDS", "http://127.0.0.1:" + imds.getAddress().getPort(),
                    "KAFKA_AAS_POLL_SECONDS", "0",
                    "KAFKA_AAS_KAFKA_SERVICE", "confluent-server",
                    "KAFKA_AAS_CONFIG", "/etc/kafka-aas/kafka-aas.properties"));

            assertThat(run.ok()).as(run.output()).isTrue();
        } finally {
            imds.stop(0);
        }
        assertThat(polls.get()).isEqualTo(3);
        assertThat(tokens).containsOnly("token-1");
        assertThat(calls()).containsExactly(
                "kafka-aas wait-healthy --config /etc/kafka-aas/kafka-aas.properties --timeout 10",
                "systemctl stop confluent-server",
                "kafka-aas release-id --complete-lifecycle-action --config /etc/kafka-aas/kafka-aas.properties");
    }

    @Test
    void terminationLogsReplicasOutOfSyncAndStillStopsKafka() throws IOException {
        Requirements.requireTool("curl");
        fake("systemctl", 0, "");
        fakeHelperFailing("wait-healthy", 4);
        HttpServer imds = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        imds.createContext("/latest/api/token", ex -> {
            ex.getRequestBody().readAllBytes();
            respond(ex, 200, "token-1");
        });
        imds.createContext("/latest/meta-data/autoscaling/target-lifecycle-state", ex -> respond(ex, 200, "Terminated"));
        imds.start();
        Tool run;
        try {
            run = runScript("kafka-aas-termination-watch.sh", Map.of(
                    "KAFKA_AAS_IMDS", "http://127.0.0.1:" + imds.getAddress().getPort(),
                    "KAFKA_AAS_POLL_SECONDS", "0",
                    "KAFKA_AAS_IN_SYNC_CHECK_SECONDS", "3",
                    "KAFKA_AAS_CONFIG", "/etc/kafka-aas/kafka-aas.properties"));
        } finally {
            imds.stop(0);
        }

        assertThat(run.ok()).as(run.output()).isTrue();
        assertThat(run.output()).contains("WARNING: replicas of this broker's partitions are not all in sync");
        assertThat(calls()).containsExactly(
                "kafka-aas wait-healthy --config /etc/kafka-aas/kafka-aas.properties --timeout 3",
                "systemctl stop confluent-server",
                "kafka-aas release-id --complete-lifecycle-action --config /etc/kafka-aas/kafka-aas.properties");
    }

    @Test
    void aPowerOffReleasesTheIdButARebootKeepsIt() {
        fake("kafka-aas", 0, "");
        Path config = tmp.resolve("kafka-aas.properties");
        Repo.write(config, "cluster=c\n");
        Map<String, String> env = Map.of("KAFKA_AAS_CONFIG", config.toString());

        fake("systemctl", 0, "12 reboot.target start waiting");
        assertThat(runScript("kafka-aas-release-on-poweroff.sh", env).ok()).isTrue();
        assertThat(calls()).containsExactly("systemctl list-jobs --no-legend");

        Repo.write(calls, "");
        fake("systemctl", 0, "12 poweroff.target start waiting");
        assertThat(runScript("kafka-aas-release-on-poweroff.sh", env).ok()).isTrue();
        assertThat(calls()).containsExactly("systemctl list-jobs --no-legend",
                "kafka-aas release-id --config " + config + " --zookeeper-timeout 20");
    }

    @Test
    void aStopOfTheUnitWithoutAPowerOffKeepsTheId() {
        // `systemctl stop kafka-aas-release` (or restart) by hand, or an isolate: Kafka runs on, so must its claim.
        fake("kafka-aas", 0, "");
        fake("systemctl", 0, "");
        Path config = tmp.resolve("kafka-aas.properties");
        Repo.write(config, "cluster=c\n");

        Tool run = runScript("kafka-aas-release-on-poweroff.sh", Map.of("KAFKA_AAS_CONFIG", config.toString()));

        assertThat(run.ok()).as(run.output()).isTrue();
        assertThat(calls()).containsExactly("systemctl list-jobs --no-legend");
        assertThat(run.output()).contains("not powering off");

        Repo.write(calls, "");
        fake("systemctl", 0, "7 halt.target start waiting");
        assertThat(runScript("kafka-aas-release-on-poweroff.sh", Map.of("KAFKA_AAS_CONFIG", config.toString())).ok()).isTrue();
        assertThat(calls()).last().asString().startsWith("kafka-aas release-id");
    }

    @Test
    void theLauncherRunsJavaWithTheShippedJvmOptionsAndTheArchiveAndKeepsJvmWarningsOffStdout() {
        Path home = launcherHome(Repo.read(FILES.resolve("kafka-aas.jvm-options")));
        Repo.write(home.resolve("kafka-aas.jsa"), "archive");

        Tool run = runScript("kafka-aas.sh", Map.of("KAFKA_AAS_HOME", home.toString(), "KAFKA_AAS_JAVA_OPTS", "-Dextra=1",
                "KAFKA_AAS_EXTRA_CLASSPATH", "/tmp/simulation.jar"));

        assertThat(run.ok()).as(run.output()).isTrue();
        assertThat(calls()).containsExactly("java -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xms16m"
                + " -Xmx128m -Xmn4m -XX:-UsePerfData -XX:SharedArchiveFile=" + home.resolve("kafka-aas.jsa")
                + " -Xlog:disable -Xlog:all=warning:stderr -Dextra=1 -cp " + home.resolve("kafka-aas.jar")
                + ":/tmp/simulation.jar io.kafkaaas.cli.Main");
    }

    @Test
    void withoutAnArchiveTheLauncherStillUsesTheJvmOptions() {
        Path home = launcherHome("# comment\n\n-XX:+UseSerialGC\n");

        Tool run = runScript("kafka-aas.sh", Map.of("KAFKA_AAS_HOME", home.toString()));

        assertThat(run.ok()).as(run.output()).isTrue();
        assertThat(calls()).containsExactly("java -XX:+UseSerialGC -Xlog:disable -Xlog:all=warning:stderr -cp "
                + home.resolve("kafka-aas.jar") + " io.kafkaaas.cli.Main");
    }

    @Test
    void theLauncherMapsTheArchiveTrainedOnTheCommandItRuns() {
        Path home = launcherHome("-XX:+UseSerialGC\n");
        Repo.write(home.resolve("kafka-aas.jsa"), "bootstrap archive");
        Repo.write(home.resolve("appcds/wait-healthy.jsa"), "wait-healthy archive");
        Repo.write(home.resolve("appcds/signal.jsa"), "signal archive");

        Tool run = runScript("kafka-aas.sh", Map.of("KAFKA_AAS_HOME", home.toString()), "wait-healthy", "--timeout", "900");

        assertThat(run.ok()).as(run.output()).isTrue();
        assertThat(calls()).containsExactly("java -XX:+UseSerialGC -XX:SharedArchiveFile=" + home.resolve("appcds/wait-healthy.jsa")
                + " -Xlog:disable -Xlog:all=warning:stderr -cp " + home.resolve("kafka-aas.jar") + " io.kafkaaas.cli.Main wait-healthy --timeout 900");
    }

    @Test
    void aCommandWithoutItsOwnArchiveFallsBackToTheBootstrapArchive() {
        Path home = launcherHome("-XX:+UseSerialGC\n");
        Repo.write(home.resolve("kafka-aas.jsa"), "bootstrap archive");
        Repo.write(home.resolve("appcds/signal.jsa"), "signal archive");
        // An empty file is a dump that did not finish: never mapped.
        Repo.write(home.resolve("appcds/release-id.jsa"), "");
        // Only a plain command name picks an archive: an option or a path never reaches appcds/.
        Repo.write(home.resolve("appcds/..jsa"), "not an archive");

        for (String[] args : List.of(new String[] {"release-id", "--complete-lifecycle-action"}, new String[] {"status"},
                new String[] {"--version"}, new String[] {"."}, new String[] {})) {
            Repo.write(calls, "");
            Tool run = runScript("kafka-aas.sh", Map.of("KAFKA_AAS_HOME", home.toString()), args);
            assertThat(run.ok()).as(run.output()).isTrue();
            assertThat(calls()).containsExactly(("java -XX:+UseSerialGC -XX:SharedArchiveFile=" + home.resolve("kafka-aas.jsa")
                    + " -Xlog:disable -Xlog:all=warning:stderr -cp " + home.resolve("kafka-aas.jar") + " io.kafkaaas.cli.Main "
                    + String.join(" ", args)).strip());
        }
    }

    @Test
    void withNoArchiveAtAllACommandRunsWithoutOne() {
        Path home = launcherHome("-XX:+UseSerialGC\n");
        Repo.write(home.resolve("appcds/bootstrap.jsa.part"), "a training dump in progress");

        Tool run = runScript("kafka-aas.sh", Map.of("KAFKA_AAS_HOME", home.toString()), "signal", "--success");

        assertThat(run.ok()).as(run.output()).isTrue();
        assertThat(calls()).containsExactly("java -XX:+UseSerialGC -Xlog:disable -Xlog:all=warning:stderr -cp "
                + home.resolve("kafka-aas.jar") + " io.kafkaaas.cli.Main signal --success");
    }

    /** A fake java and an image's /opt/kafka-aas with these JVM options; the caller adds archives. */
    private Path launcherHome(String jvmOptions) {
        fake("java", 0, "");
        Path home = tmp.resolve("opt/kafka-aas");
        Repo.write(home.resolve("jvm.options"), jvmOptions);
        return home;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }
}
