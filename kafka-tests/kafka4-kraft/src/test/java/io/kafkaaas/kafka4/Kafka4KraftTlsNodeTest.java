package io.kafkaaas.kafka4;

import io.kafkaaas.secret.SecretFile;
import io.kafkaaas.simulation.ThrowawayCa;
import io.kafkaaas.testing.CliRun;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KRaft with TLS on every listener: the client listener (SSL) and the controller listener (SSL by default when the
 * client listener uses TLS), rendered by the real CLI from stores laid out as fetch-secrets lays them out
 * (FetchSecretsMotoTest covers the fetching). A Kafka 4 combined node starts from that file, elects itself over its
 * TLS controller listener, serves a TLS client, and wait-healthy finds it healthy with no client options.
 */
class Kafka4KraftTlsNodeTest {
    private static final int NODE_ID = 2;
    private static final String KS_PASS = "kraft-ks-3d";
    private static final String TS_PASS = "kraft-ts-8e";
    private static final String CA_PASS = "ca-only-for-this-test";

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
    void aCombinedNodeWithTlsListenersElectsItselfAndServesTlsClients() throws Exception {
        ThrowawayCa ca = ThrowawayCa.create(root.resolve("ca"), CA_PASS, TS_PASS);
        Path secrets = root.resolve("etc/kafka/secrets");
        Files.createDirectories(secrets);
        Files.copy(ca.keystore("node-2", "n2.kraft-tls", KS_PASS, "ip:127.0.0.1", "dns:localhost"), secrets.resolve(SecretFile.KEYSTORE));
        Files.copy(ca.truststore(), secrets.resolve(SecretFile.TRUSTSTORE));
        Files.writeString(secrets.resolve(SecretFile.KEYSTORE_PASSWORD), KS_PASS);
        Files.writeString(secrets.resolve(SecretFile.TRUSTSTORE_PASSWORD), TS_PASS);

        int port = Kafka4KraftNodeTest.freePort();
        int controllerPort = Kafka4KraftNodeTest.freePort();
        String clusterId = Uuid.randomUuid().toString();
        CliRun render = CliRun.of("render", "--root", root.toString(), "--output", "json", "--kafka-mode", "kraft",
                "--broker-id", Integer.toString(NODE_ID), "--broker-count", "3", "--private-ip", "127.0.0.1",
                "--listener-port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort),
                "--controller-voters", NODE_ID + "@127.0.0.1:" + controllerPort, "--cluster-id", clusterId,
                "--security-protocol", "SSL", "--kafka-group", "root", "--availability-zone", "us-east-1c",
                "--log-dir", root.resolve("var/lib/kafka/data").toString(), "--network-style", "none");
        assertThat(render.exitCode()).as(render.stderr()).isZero();

        Path serverProperties = root.resolve("etc/kafka/server.properties");
        Properties props = Utils.loadProps(serverProperties.toString());
        assertThat(props.getProperty("listener.security.protocol.map")).contains("CONTROLLER:SSL");
        ByteArrayOutputStream formatOut = new ByteArrayOutputStream();
        int formatted = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", serverProperties.toString()},
                new PrintStream(formatOut, true, StandardCharsets.UTF_8));
        assertThat(formatted).as(formatOut.toString(StandardCharsets.UTF_8)).isZero();

        node = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        node.startup();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                "security.protocol", "SSL", "ssl.truststore.location", secrets.resolve(SecretFile.TRUSTSTORE).toString(),
                "ssl.truststore.password", TS_PASS, "ssl.truststore.type", "PKCS12",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            assertThat(Kafka4KraftNodeTest.awaitLeader(admin, Duration.ofSeconds(120)).leaderId()).isEqualTo(NODE_ID);
            admin.createTopics(List.of(new NewTopic("secured", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        // As at boot: no --bootstrap-server, no --command-config; the TLS client settings come from server.properties.
        CliRun healthy = CliRun.of("wait-healthy", "--root", root.toString(), "--timeout", "60", "--output", "json");
        assertThat(healthy.exitCode()).as(healthy.stderr()).isZero();
        assertThat(healthy.json().get("registered").asBoolean()).isTrue();
        assertThat(healthy.json().get("partitions").asInt()).isEqualTo(2);
    }
}
