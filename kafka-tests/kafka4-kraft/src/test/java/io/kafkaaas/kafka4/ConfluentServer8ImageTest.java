package io.kafkaaas.kafka4;

import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.Requirements;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots the rendered KRaft server.properties in Confluent's own image (cp-server 8.0, KRaft only), formatting
 * storage with the image's kafka-storage first. It needs a Docker engine, which CI never provides:
 * it skips through Requirements.requireDockerEngine, even under CI, and says so.
 * The same file is booted on every machine by Kafka4KraftNodeTest, with Apache Kafka 4's jars.
 */
class ConfluentServer8ImageTest {
    static final DockerImageName CP_SERVER = DockerImageName.parse("confluentinc/cp-server:8.0.0");

    @TempDir
    Path root;

    @Test
    void confluentServer8FormatsAndStartsFromTheRenderedFileAndLeadsTheQuorum() throws Exception {
        Requirements.requireDockerEngine(DockerClientFactory.instance()::isDockerAvailable,
                "Kafka4KraftNodeTest, which boots the same rendered file with Apache Kafka 4");
        String clusterId = Uuid.randomUuid().toString();
        CliRun render = CliRun.of("render", "--root", root.toString(),
                "--kafka-mode", "kraft", "--broker-id", "1", "--broker-count", "1", "--private-ip", "127.0.0.1",
                "--controller-voters", "1@127.0.0.1:9093", "--cluster-id", clusterId, "--availability-zone", "us-east-1a",
                "--log-dir", "/tmp/kafka-aas/data", "--network-style", "none",
                "--set", "confluent.license.topic.replication.factor=1", "--set", "confluent.metadata.topic.replication.factor=1",
                "--set", "confluent.balancer.topic.replication.factor=1");
        assertThat(render.exitCode()).as(render.stderr()).isZero();
        String serverProperties = Files.readString(root.resolve("etc/kafka/server.properties"));

        try (GenericContainer<?> kafka = new GenericContainer<>(CP_SERVER)
                .withCopyToContainer(Transferable.of(serverProperties, 0644), "/tmp/kafka-aas/server.properties")
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("bash", "-c",
                        "kafka-storage format -t " + clusterId + " -c /tmp/kafka-aas/server.properties"
                                + " && exec kafka-server-start /tmp/kafka-aas/server.properties"))
                .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(2)))) {
            kafka.start();
            var quorum = kafka.execInContainer("kafka-metadata-quorum", "--bootstrap-server", "127.0.0.1:9092", "describe", "--status");
            assertThat(quorum.getStdout()).containsPattern("LeaderId:\\s+1").contains("ClusterId:").contains(clusterId);
        }
    }
}
