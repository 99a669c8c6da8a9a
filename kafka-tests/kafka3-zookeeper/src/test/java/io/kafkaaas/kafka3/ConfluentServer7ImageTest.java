package io.kafkaaas.kafka3;

import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots the rendered ZooKeeper-mode server.properties in Confluent's own image (cp-server 7.9, the Confluent
 * Platform release that still has ZooKeeper mode). It needs a Docker engine, which CI never provides: it
 * skips through Requirements.requireDockerEngine, even under CI, and says so. The same file is booted on
 * every machine by Kafka3ZooKeeperBrokerTest, with Apache Kafka 3.9's jars.
 */
class ConfluentServer7ImageTest {
    static final DockerImageName CP_SERVER = DockerImageName.parse("confluentinc/cp-server:7.9.0");
    static final DockerImageName CP_ZOOKEEPER = DockerImageName.parse("confluentinc/cp-zookeeper:7.9.0");

    @TempDir
    Path root;

    @Test
    void confluentServer79StartsFromTheRenderedFileAndRegisters() throws Exception {
        Requirements.requireDockerEngine(DockerClientFactory.instance()::isDockerAvailable,
                "Kafka3ZooKeeperBrokerTest, which boots the same rendered file with Apache Kafka 3.9");
        CliRun render = CliRun.of("render", "--root", root.toString(),
                "--kafka-mode", "zookeeper", "--broker-id", "1", "--broker-count", "2", "--private-ip", "127.0.0.1",
                "--availability-zone", "us-east-1a", "--log-dir", "/tmp/kafka-aas/data", "--zookeeper", "zookeeper:2181/kafka",
                "--network-style", "none", "--set", "confluent.license.topic.replication.factor=1",
                "--set", "confluent.metadata.topic.replication.factor=1", "--set", "confluent.balancer.topic.replication.factor=1");
        assertThat(render.exitCode()).as(render.stderr()).isZero();
        String serverProperties = Files.readString(root.resolve("etc/kafka/server.properties"));

        try (Network network = Network.newNetwork();
             GenericContainer<?> zookeeper = new GenericContainer<>(CP_ZOOKEEPER).withNetwork(network).withNetworkAliases("zookeeper")
                     .withEnv("ZOOKEEPER_CLIENT_PORT", "2181").waitingFor(Wait.forLogMessage(".*binding to port.*", 1));
             GenericContainer<?> kafka = new GenericContainer<>(CP_SERVER).withNetwork(network)
                     .withCopyToContainer(Transferable.of(serverProperties, 0644), "/tmp/kafka-aas/server.properties")
                     .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("kafka-server-start", "/tmp/kafka-aas/server.properties"))
                     .waitingFor(Wait.forLogMessage(".*\\[KafkaServer id=1\\] started.*", 1).withStartupTimeout(Duration.ofMinutes(2)))) {
            zookeeper.start();
            kafka.start();
            var registration = zookeeper.execInContainer("zookeeper-shell", "localhost:2181", "get", "/kafka/brokers/ids/1");
            assertThat(registration.getStdout()).contains("PLAINTEXT://127.0.0.1:9092").contains("us-east-1a");
        }
    }
}
