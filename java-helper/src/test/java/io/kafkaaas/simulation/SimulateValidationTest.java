package io.kafkaaas.simulation;

import io.kafkaaas.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

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

    private static void assertRejected(CliRun run, String fragment) {
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains(fragment);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count()).isZero();
    }

    @Test
    void zeroBrokersIsAUsageError() {
        assertRejected(CliRun.of("simulate", "--brokers", "0"), "--brokers 0 is out of range 1-9");
    }

    @Test
    void aMissingKafkaClasspathSaysToBuildFirst() {
        assertRejected(CliRun.of("simulate", "--kafka-libs", tmp.resolve("nowhere").toString()), "run ./mvnw -B -q package -DskipTests first");
    }

    @Test
    void anUnwritableWorkdirIsAUsageError() throws Exception {
        assertRejected(CliRun.of("simulate", "--kafka-libs", fakeKafkaLibs().toString(), "--workdir", "/proc/kafka-aas-simulation"),
                "--workdir /proc/kafka-aas-simulation is not a writable directory");
    }

    @Test
    void aWorkdirWithOldFilesIsRefused() throws Exception {
        Path workdir = Files.createDirectories(tmp.resolve("old"));
        Files.writeString(workdir.resolve("something"), "x");
        assertRejected(CliRun.of("simulate", "--kafka-libs", fakeKafkaLibs().toString(), "--workdir", workdir.toString()),
                "is not empty");
    }

    @Test
    void aBusyKafkaPortOnAnEniAddressIsAUsageErrorAndNothingIsCreated() throws Exception {
        Path workdir = tmp.resolve("work");
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getByName("127.0.2.11"), 0));
            int port = busy.getLocalPort();
            assertRejected(CliRun.of("simulate", "--kafka-libs", fakeKafkaLibs().toString(), "--workdir", workdir.toString(),
                    "--kafka-port", String.valueOf(port)), "port " + port + " on 127.0.2.11 (--kafka-port) is busy");
        }
        assertThat(workdir).doesNotExist();
    }

    @Test
    void aBusyZooKeeperPortIsAUsageError() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertRejected(CliRun.of("simulate", "--kafka-libs", fakeKafkaLibs().toString(),
                    "--zookeeper-port", String.valueOf(busy.getLocalPort())), "(--zookeeper-port) is busy");
        }
    }

    @Test
    void azsOfTwoRegionsAreRefused() {
        assertRejected(CliRun.of("simulate", "--azs", "us-east-1a,eu-west-1a"), "must be distinct AZs of one region");
    }
}
