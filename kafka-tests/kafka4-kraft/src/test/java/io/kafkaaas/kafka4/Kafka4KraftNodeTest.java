package io.kafkaaas.kafka4;

import io.kafkaaas.testing.CliRun;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KRaft half of the testing ladder's top rung: render a KRaft server.properties with the real CLI (node 1
 * named in the voters, so auto roles make it broker and controller), format its storage with Kafka's own
 * StorageTool and the cluster id from the rendered environment file, start a real Kafka 4 node the way
 * kafka-server-start does, and see it become the quorum leader and serve clients at the ENI address.
 */
class Kafka4KraftNodeTest {
    private static final int NODE_ID = 1;

    @TempDir
    Path root;

    private KafkaRaftServer node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.shutdown();
            node.awaitShutdown();
        }
    }

    @Test
    void aCombinedNodeStartedFromTheRenderedFileBecomesQuorumLeader() throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        String clusterId = Uuid.randomUuid().toString();
        Path logDir = root.resolve("var/lib/kafka/data");

        CliRun render = CliRun.of("render", "--root", root.toString(), "--output", "json", "--kafka-mode", "kraft",
                "--broker-id", Integer.toString(NODE_ID), "--broker-count", "3", "--private-ip", "127.0.0.1",
                "--listener-port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort),
                "--controller-voters", NODE_ID + "@127.0.0.1:" + controllerPort, "--cluster-id", clusterId,
                "--availability-zone", "us-east-1b", "--log-dir", logDir.toString(), "--network-style", "none");
        assertThat(render.exitCode()).as(render.stderr()).isZero();
        assertThat(render.stdout()).contains("\"processRoles\":\"broker,controller\"");

        Path serverProperties = root.resolve("etc/kafka/server.properties");
        Properties env = Utils.loadProps(root.resolve("etc/default/kafka").toString());
        assertThat(env.getProperty("KAFKA_CLUSTER_ID")).isEqualTo(clusterId);

        // What the service runs before its first start: kafka-storage format -t $KAFKA_CLUSTER_ID -c server.properties
        ByteArrayOutputStream formatOut = new ByteArrayOutputStream();
        int formatted = StorageTool.execute(new String[] {"format", "-t", env.getProperty("KAFKA_CLUSTER_ID"),
                "-c", serverProperties.toString()}, new PrintStream(formatOut, true, StandardCharsets.UTF_8));
        assertThat(formatted).as(formatOut.toString(StandardCharsets.UTF_8)).isZero();

        Properties props = Utils.loadProps(serverProperties.toString());
        node = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        node.startup();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            QuorumInfo quorum = awaitLeader(admin, Duration.ofSeconds(120)); // a bound for a broken node, generous for a loaded machine
            assertThat(quorum.leaderId()).isEqualTo(NODE_ID);
            assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId).containsExactly(NODE_ID);
            assertThat(admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS)).isEqualTo(clusterId);
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .singleElement().satisfies(n -> {
                        assertThat(n.id()).isEqualTo(NODE_ID);
                        assertThat(n.host()).isEqualTo("127.0.0.1");
                        assertThat(n.port()).isEqualTo(port);
                        assertThat(n.rack()).isEqualTo("us-east-1b");
                    });
            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        // The boot's health check, KRaft side: the id and the listener come from the rendered file.
        CliRun healthy = CliRun.of("wait-healthy", "--root", root.toString(), "--timeout", "60", "--output", "json");
        assertThat(healthy.exitCode()).as(healthy.stderr()).isZero();
        assertThat(healthy.json().get("brokerId").asInt()).isEqualTo(NODE_ID);
        assertThat(healthy.json().get("registered").asBoolean()).isTrue();
        assertThat(healthy.json().get("partitions").asInt()).isEqualTo(2);
        Properties meta = Utils.loadProps(logDir.resolve("meta.properties").toString());
        assertThat(meta.getProperty("node.id")).isEqualTo(Integer.toString(NODE_ID));
        assertThat(meta.getProperty("cluster.id")).isEqualTo(clusterId);
    }

    /** Asks the quorum every 200 ms until it names a leader; the timeout is a bound for a broken node. */
    static QuorumInfo awaitLeader(Admin admin, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                QuorumInfo info = admin.describeMetadataQuorum().quorumInfo().get(5, TimeUnit.SECONDS);
                if (info.leaderId() >= 0) {
                    return info;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no quorum leader within " + timeout.toSeconds() + " s", last);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

}
