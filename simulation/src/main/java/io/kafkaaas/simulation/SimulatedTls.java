package io.kafkaaas.simulation;

import io.kafkaaas.localcloud.LocalSecrets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramCredentialUtils;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * simulate --tls: what an operator does once before the first boot of a secured cluster, done at start. A throw-away CA
 * (inside the workdir, nowhere else) signs one keystore per broker id for the id's ENI IP; the keystores, the truststore,
 * their passwords and the brokers' SCRAM password go into the local cloud's SSM under /kafka-aas/&lt;cluster&gt;/; the
 * brokers' SCRAM-SHA-512 user is created in ZooKeeper (as kafka-configs --zookeeper does), since brokers authenticate
 * each other with it from their first connection. Every boot then fetches its secrets as on EC2.
 */
final class SimulatedTls {
    static final String SCRAM_USER = "kafka-broker";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path clientConfig;
    private final List<String> bootstrapArguments;

    private SimulatedTls(Path clientConfig, List<String> bootstrapArguments) {
        this.clientConfig = clientConfig;
        this.bootstrapArguments = bootstrapArguments;
    }

    static SimulatedTls create(SimulationSettings settings, LocalSecrets secrets, URI ssmEndpoint, CuratorFramework zookeeper)
            throws Exception {
        Path dir = settings.workdir().resolve("tls");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        String keystorePassword = password();
        String truststorePassword = password();
        String scramPassword = password();
        ThrowawayCa ca = ThrowawayCa.create(dir, password(), truststorePassword);
        String prefix = "/kafka-aas/" + settings.cluster() + "/";
        // The certificate names the id's ENI IP, which every instance that claims the id gets: one keystore per id.
        // Each takes five keytool runs (a JVM each), so the ids are signed side by side.
        ExecutorService pool = Executors.newFixedThreadPool(settings.brokers());
        try {
            List<Future<Path>> keystores = new ArrayList<>();
            for (int id = 0; id < settings.brokers(); id++) {
                int brokerId = id;
                keystores.add(pool.submit(() -> ca.keystore("broker-" + brokerId, "b" + brokerId + "." + settings.cluster(),
                        keystorePassword, "ip:" + settings.eniAddress(brokerId))));
            }
            for (int id = 0; id < settings.brokers(); id++) {
                secrets.putParameter(prefix + "keystore/" + id, Base64.getEncoder().encodeToString(
                        Files.readAllBytes(keystores.get(id).get())), LocalSecrets.INSTANCE_KEY, true);
            }
        } finally {
            pool.shutdownNow();
        }
        secrets.putParameter(prefix + "keystore-password", keystorePassword, LocalSecrets.INSTANCE_KEY, true);
        secrets.putParameter(prefix + "truststore", Base64.getEncoder().encodeToString(Files.readAllBytes(ca.truststore())),
                LocalSecrets.INSTANCE_KEY, true);
        secrets.putParameter(prefix + "truststore-password", truststorePassword, LocalSecrets.INSTANCE_KEY, true);
        secrets.putParameter(prefix + "scram-password", scramPassword, LocalSecrets.INSTANCE_KEY, true);
        createScramUser(zookeeper, scramPassword);

        Path client = dir.resolve("client.properties");
        Files.writeString(client, "security.protocol=SSL\nssl.truststore.type=PKCS12\nssl.truststore.location="
                + ca.truststore().toAbsolutePath() + "\nssl.truststore.password=" + truststorePassword + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rw-------"));
        List<String> bootstrap = List.of("--security-protocol", "SSL", "--inter-broker-security", "SASL_SSL",
                "--inter-broker-port", String.valueOf(settings.interBrokerPort()), "--scram-username", SCRAM_USER,
                "--secret-store", "ssm", "--ssm-endpoint", ssmEndpoint.toString());
        return new SimulatedTls(client, bootstrap);
    }

    /** The client settings of the probe and of wait-healthy (--command-config): TLS, trusting the CA. */
    Path clientConfig() {
        return clientConfig;
    }

    /** What bootstrap adds: the listeners' security and where the secrets are. */
    List<String> bootstrapArguments() {
        return bootstrapArguments;
    }

    private static String password() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The user's SCRAM-SHA-512 credential (salted, never the password) in /config/users, as kafka-configs writes it. */
    private static void createScramUser(CuratorFramework zookeeper, String password) throws Exception {
        ScramCredential credential = new ScramFormatter(ScramMechanism.SCRAM_SHA_512).generateCredential(password, 4096);
        String json = "{\"version\":1,\"config\":{\"" + ScramMechanism.SCRAM_SHA_512.mechanismName() + "\":\""
                + ScramCredentialUtils.credentialToString(credential) + "\"}}";
        zookeeper.create().creatingParentsIfNeeded().forPath("/config/users/" + SCRAM_USER, json.getBytes(StandardCharsets.UTF_8));
    }
}
