package io.kafkaaas.simulation;

import io.kafkaaas.cli.SimulationMain;
import io.kafkaaas.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input to simulate: one line, exit 2, and nothing started (no child process, no files in the workdir). */
class SimulateValidationTest {
    @TempDir
    Path tmp;

    private Path fakeKafkaLibs() throws Exception {
        Path libs = Files.createDirectories(tmp.resolve("libs"));
        Files.createFile(libs.resolve("kafka_2.13-3.9.1.jar"));
        Files.createFile(libs.resolve("simulation-kafka-0.1.0-SNAPSHOT.jar"));
        return libs;
    }

    /**
     * Ports no other process holds right now, so that a check after the port checks (the workdir's) is what answers,
     * even while another simulation runs on this machine with the default ports.
     */
    private static String[] freePorts() throws Exception {
        try (ServerSocket kafka = new ServerSocket(0, 1, InetAddress.getByName("127.0.2.11"));
             ServerSocket zk = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             ServerSocket cloud = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return new String[] {"--kafka-port", String.valueOf(kafka.getLocalPort()),
                    "--zookeeper-port", String.valueOf(zk.getLocalPort()), "--cloud-port", String.valueOf(cloud.getLocalPort())};
        }
    }

    private static String[] with(String[] ports, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + ports.length);
        System.arraycopy(ports, 0, all, args.length, ports.length);
        return all;
    }

    /** Runs simulate and checks the rejection; other tests' processes (moto_server) may already be running. */
    private static void assertRejected(String fragment, String... args) {
        Set<Long> before = children();
        CliRun run = CliRun.using(SimulationMain::run, args);
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains(fragment);
        assertThat(children()).as("processes started by the rejected run").isSubsetOf(before);
    }

    private static Set<Long> children() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    @Test
    void failFirstBootWithoutAReplacementIsAUsageError() {
        assertRejected("--fail-first-boot needs --replacements 1 or more", "simulate", "--replacements", "0", "--fail-first-boot");
    }

    @Test
    void zeroBrokersIsAUsageError() {
        assertRejected("--brokers 0 is out of range 1-9", "simulate", "--brokers", "0");
    }

    @Test
    void aMissingKafkaClasspathSaysToBuildFirst() {
        assertRejected("run ./mvnw -B -q package -DskipTests first", "simulate", "--kafka-libs", tmp.resolve("nowhere").toString());
    }

    @Test
    void anUnwritableWorkdirIsAUsageError() throws Exception {
        assertRejected("--workdir /proc/kafka-aas-simulation is not a writable directory", with(freePorts(), "simulate",
                "--kafka-libs", fakeKafkaLibs().toString(), "--workdir", "/proc/kafka-aas-simulation"));
    }

    @Test
    void aWorkdirWithOldFilesIsRefused() throws Exception {
        Path workdir = Files.createDirectories(tmp.resolve("old"));
        Files.writeString(workdir.resolve("something"), "x");
        assertRejected("is not empty", with(freePorts(), "simulate", "--kafka-libs", fakeKafkaLibs().toString(),
                "--workdir", workdir.toString()));
    }

    @Test
    void aBusyKafkaPortOnAnEniAddressIsAUsageErrorAndNothingIsCreated() throws Exception {
        Path workdir = tmp.resolve("work");
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getByName("127.0.2.11"), 0));
            int port = busy.getLocalPort();
            assertRejected("port " + port + " on 127.0.2.11 (--kafka-port) is busy", "simulate", "--kafka-libs", fakeKafkaLibs().toString(), "--workdir", workdir.toString(),
                    "--kafka-port", String.valueOf(port));
        }
        assertThat(workdir).doesNotExist();
    }

    @Test
    void aBusyZooKeeperPortIsAUsageError() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertRejected("(--zookeeper-port) is busy", "simulate", "--kafka-libs", fakeKafkaLibs().toString(),
                    "--zookeeper-port", String.valueOf(busy.getLocalPort()));
        }
    }

    @Test
    void kraftModeRefusesAKafka39Classpath() throws Exception {
        assertRejected("no Kafka 4.x classpath for --kafka-mode kraft", "simulate", "--kafka-mode", "kraft",
                "--kafka-libs", fakeKafkaLibs().toString());
    }

    @Test
    void kraftModeChecksTheControllerPortOnEveryEniAddress() throws Exception {
        Path libs = Files.createDirectories(tmp.resolve("libs4"));
        Files.createFile(libs.resolve("kafka_2.13-4.1.1.jar"));
        Files.createFile(libs.resolve("simulation-kafka4-0.1.0-SNAPSHOT.jar"));
        Path workdir = tmp.resolve("work");
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getByName("127.0.2.11"), 0));
            int controllerPort = busy.getLocalPort();
            assertRejected("port " + controllerPort + " on 127.0.2.11 (the KRaft controller port, --kafka-port + 1) is busy",
                    "simulate", "--kafka-mode", "kraft", "--kafka-libs", libs.toString(), "--workdir", workdir.toString(),
                    "--kafka-port", String.valueOf(controllerPort - 1));
        }
        assertThat(workdir).doesNotExist();
    }

    @Test
    void azsOfTwoRegionsAreRefused() {
        assertRejected("must be distinct AZs of one region", "simulate", "--azs", "us-east-1a,eu-west-1a");
    }
}
