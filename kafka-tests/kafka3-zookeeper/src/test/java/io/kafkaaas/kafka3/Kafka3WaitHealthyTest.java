package io.kafkaaas.kafka3;

import io.kafkaaas.testing.CliRun;
import kafka.server.KafkaConfig;
import kafka.server.KafkaServer;
import org.apache.curator.test.TestingServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;

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

    private TestingServer zookeeper;
    private KafkaServer broker;

    @AfterEach
    void stop() throws IOException {
        if (broker != null) {
            broker.shutdown();
            broker.awaitShutdown();
        }
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Test
    void waitHealthySucceedsForTheRunningBrokerAndTimesOutForOneThatNeverRegisters() throws Exception {
        zookeeper = new TestingServer(true);
        int port = Kafka3ZooKeeperBrokerTest.freePort();
        CliRun render = CliRun.of("render", "--root", root.toString(), "--kafka-mode", "zookeeper",
                "--broker-id", Integer.toString(BROKER_ID), "--broker-count", "1", "--private-ip", "127.0.0.1",
                "--listener-port", Integer.toString(port), "--availability-zone", "us-east-1a",
                "--log-dir", root.resolve("var/lib/kafka/data").toString(), "--zookeeper", zookeeper.getConnectString() + "/kafka",
                "--network-style", "none");
        assertThat(render.exitCode()).as(render.stderr()).isZero();
        broker = new KafkaServer(KafkaConfig.fromProps(Utils.loadProps(root.resolve("etc/kafka/server.properties").toString()),
                false), Time.SYSTEM, Option.empty(), false);
        broker.startup();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port))) {
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

        CliRun neverRegisters = CliRun.of("wait-healthy", "--broker-id", "2", "--bootstrap-server", "127.0.0.1:" + port,
                "--timeout", "3");

        assertThat(neverRegisters.exitCode()).as(neverRegisters.stderr()).isEqualTo(4);
        assertThat(neverRegisters.errorLines()).singleElement().asString()
                .startsWith("kafka-aas: wait-healthy: broker 2 is not healthy after ")
                .contains(": broker 2 not registered; ");
    }
}
