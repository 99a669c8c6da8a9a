package io.kafkaaas.kafka3;

import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.EmbeddedZooKeeper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * wait-healthy against a real Kafka 3.9 broker in ZooKeeper mode, started from the file render wrote: with a
 * topic it hosts it succeeds (registered, in every ISR); for a broker id that never registers it times out with
 * exit 4 and says what is missing.
 */
class Kafka3WaitHealthyTest {
    private static final int BROKER_ID = 0;

    @TempDir
    Path root;

    @RegisterExtension
    final EmbeddedZooKeeper zookeeper = new EmbeddedZooKeeper();
    private RenderedBroker broker;

    @AfterEach
    void stop() throws IOException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void waitHealthySucceedsForTheRunningBrokerAndTimesOutForOneThatNeverRegisters() throws Exception {
        broker = RenderedBroker.start(root, BROKER_ID, 1, zookeeper.connectString() + "/kafka");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServer()))) {
            admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1))).all().get();
        }

        // No --broker-id, no --bootstrap-server: both come from the rendered server.properties, as at boot.
        CliRun healthy = CliRun.of("wait-healthy", "--root", root.toString(), "--timeout", "120", "--output", "json");

        assertThat(healthy.exitCode()).as(healthy.stderr()).isZero();
        assertThat(healthy.json().get("changed").asBoolean()).isFalse();
        assertThat(healthy.json().get("brokerId").asInt()).isEqualTo(BROKER_ID);
        assertThat(healthy.json().get("registered").asBoolean()).isTrue();
        assertThat(healthy.json().get("partitions").asInt()).as("the three partitions of orders").isEqualTo(3);
        assertThat(healthy.json().get("outOfIsr")).isEmpty();
        assertThat(healthy.json().get("underReplicated")).isEmpty();
        assertThat(healthy.json().get("waitedMs").asLong()).isNotNegative();

        CliRun neverRegisters = CliRun.of("wait-healthy", "--broker-id", "2", "--bootstrap-server", broker.bootstrapServer(),
                "--timeout", "3");

        assertThat(neverRegisters.exitCode()).as(neverRegisters.stderr()).isEqualTo(4);
        assertThat(neverRegisters.errorLines()).singleElement().asString()
                .startsWith("kafka-aas: wait-healthy: broker 2 is not healthy after ")
                .contains(": broker 2 not registered; ");
    }
}
