package io.kafkaaas.zk;

import io.kafkaaas.claim.ClaimData;
import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.testing.Requirements;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.client.ZKClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * --zookeeper-tls against a ZooKeeper that serves only TLS on its secure port and wants a client certificate
 * (mutual TLS), with a throw-away certificate from keytool: the claimer connects, authenticates and claims.
 */
class ZkTlsTest {
    private static final String STORE_PASSWORD = "changeit-test";

    // One server and one set of certificates for the class: keytool and a TLS server start take seconds each here.
    @TempDir
    static Path tmp;
    private static TestingServer server;
    private static int securePort;
    private static Set<String> propertiesBefore;
    private final List<CuratorFramework> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Requirements.requireTool("keytool");
        keytool("-genkeypair", "-alias", "zk", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", tmp.resolve("server.p12").toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "zk", "-keystore", tmp.resolve("server.p12").toString(),
                "-storepass", STORE_PASSWORD, "-file", tmp.resolve("ca.pem").toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", tmp.resolve("ca.pem").toString(),
                "-keystore", tmp.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        secret("store-password", STORE_PASSWORD);

        // ZooKeeper turns unknown config keys into zookeeper.* system properties: restore them afterwards.
        propertiesBefore = new HashSet<>(System.getProperties().stringPropertyNames());
        securePort = freePort();
        Map<String, Object> tls = Map.of("secureClientPort", String.valueOf(securePort),
                "serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory",
                "ssl.keyStore.location", tmp.resolve("server.p12").toString(), "ssl.keyStore.password", STORE_PASSWORD,
                "ssl.trustStore.location", tmp.resolve("trust.p12").toString(), "ssl.trustStore.password", STORE_PASSWORD,
                "ssl.clientAuth", "need");
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1, tls), true);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(CuratorFramework::close);
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (propertiesBefore != null) {
            System.getProperties().stringPropertyNames().stream()
                    .filter(k -> k.startsWith("zookeeper.") && !propertiesBefore.contains(k))
                    .forEach(System::clearProperty);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("keytool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static Path secret(String name, String content) throws IOException {
        Path file = Files.writeString(tmp.resolve(name), content + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private ZkTls mutualTls(Path truststore) {
        return new ZkTls(truststore, Optional.of(tmp.resolve("store-password")), Optional.of(tmp.resolve("server.p12")),
                Optional.of(tmp.resolve("store-password")));
    }

    private CuratorFramework connect(ZkSecurity security, Duration timeout) {
        CuratorFramework client = ZooKeeperConnector.connect(ZkConnectString.parse("127.0.0.1:" + securePort + "/kafka"), timeout, security);
        clients.add(client);
        return client;
    }

    @Test
    void theClientConfigurationIsTheNettySocketWithTlsAndPasswordsAsFiles() {
        ZKClientConfig config = mutualTls(tmp.resolve("trust.p12")).clientConfig();

        assertThat(config.getProperty("zookeeper.client.secure")).isEqualTo("true");
        assertThat(config.getProperty("zookeeper.clientCnxnSocket")).isEqualTo("org.apache.zookeeper.ClientCnxnSocketNetty");
        assertThat(config.getProperty("zookeeper.ssl.trustStore.location")).isEqualTo(tmp.resolve("trust.p12").toString());
        assertThat(config.getProperty("zookeeper.ssl.trustStore.passwordPath")).isEqualTo(tmp.resolve("store-password").toString());
        assertThat(config.getProperty("zookeeper.ssl.keyStore.location")).isEqualTo(tmp.resolve("server.p12").toString());
        assertThat(config.getProperty("zookeeper.ssl.keyStore.passwordPath")).isEqualTo(tmp.resolve("store-password").toString());
    }

    @Test
    void anAuthenticatedClaimerClaimsOverMutualTls() throws Exception {
        ZkSecurity security = new ZkSecurity(Optional.of(secret("zk-auth", "kafka-aas:pw")), ZkSecurity.WorldAccess.read,
                Optional.of(mutualTls(tmp.resolve("trust.p12"))));
        CuratorFramework client = connect(security, Duration.ofSeconds(30));

        ZkClaimStore store = new ZkClaimStore(client, "/kafka", "prod");
        assertThat(store.create(0, new ClaimData("i-a", "us-east-1a", Instant.parse("2026-01-01T00:00:00Z"), "eni-1", null))).isTrue();
        assertThat(store.read(0).orElseThrow().isOwnedBy("i-a")).isTrue();
        assertThat(client.getACL().forPath("/kafka/kafka-aas/prod/claims/0")).hasSize(2);
    }

    @Test
    void aServerCertificateTheTrustStoreDoesNotKnowIsUnreachableExit6() throws Exception {
        keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=other",
                "-validity", "2", "-keystore", tmp.resolve("other.p12").toString(), "-storetype", "PKCS12",
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        ZkSecurity wrongTrust = new ZkSecurity(Optional.empty(), ZkSecurity.WorldAccess.read, Optional.of(mutualTls(tmp.resolve("other.p12"))));

        assertThatThrownBy(() -> connect(wrongTrust, Duration.ofSeconds(3)))
                .isInstanceOf(DependencyUnreachableException.class).hasMessageContaining("could not be reached");
    }
}
