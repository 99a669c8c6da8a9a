package io.kafkaaas.kafka3;

import io.kafkaaas.simulation.ThrowawayCa;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.EmbeddedZooKeeper;
import io.kafkaaas.testing.MotoServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A secured broker from end to end: a throw-away CA's keystore and truststore put in SSM (moto), fetched by the real
 * fetch-secrets, a server.properties rendered with a SASL_SSL (SCRAM-SHA-512) client listener and an SSL inter-broker
 * listener, and a real Kafka 3.9 broker started from it. TLS clients produce and consume; a wrong SCRAM password is refused.
 */
class Kafka3TlsScramBrokerTest {
    private static final String KEYSTORE_PASSWORD = "broker-keystore-pw";
    private static final String TRUSTSTORE_PASSWORD = "truststore-pw";
    private static final String CA_PASSWORD = "ca-only-for-this-test";
    private static final String SCRAM = "SCRAM-SHA-512";

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
    void aBrokerRenderedWithTlsAndScramServesTlsClientsAndRefusesAWrongPassword() throws Exception {
        MotoServer moto = MotoServer.get();
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        ThrowawayCa ca = ThrowawayCa.create(root.resolve("ca"), CA_PASSWORD, TRUSTSTORE_PASSWORD);
        Path keystore = ca.keystore("broker-0", "b0.kafka3-tls", KEYSTORE_PASSWORD, "ip:127.0.0.1", "dns:localhost");
        try (SsmClient ssm = moto.client(SsmClient.builder())) {
            put(ssm, "keystore/0", Base64.getEncoder().encodeToString(Files.readAllBytes(keystore)));
            put(ssm, "keystore-password", KEYSTORE_PASSWORD);
            put(ssm, "truststore", Base64.getEncoder().encodeToString(Files.readAllBytes(ca.truststore())));
            put(ssm, "truststore-password", TRUSTSTORE_PASSWORD);
        }
        int clientPort = RenderedBroker.freePort();
        int internalPort = RenderedBroker.freePort();
        List<String> security = List.of("--security-protocol", "SASL_SSL", "--inter-broker-security", "SSL",
                "--inter-broker-port", Integer.toString(internalPort));
        List<String> fetch = new ArrayList<>(List.of("fetch-secrets", "--cluster", "kafka3-tls", "--broker-id", "0",
                "--secret-store", "ssm", "--ssm-endpoint", moto.endpoint().toString(), "--region", "us-east-1",
                "--root", root.toString(), "--kafka-group", "root", "--output", "json"));
        fetch.addAll(security);
        CliRun fetched = CliRun.of(fetch);
        assertThat(fetched.exitCode()).as(fetched.stderr()).isZero();

        broker = RenderedBroker.start(root, 0, 1, zookeeper.connectString() + "/kafka", clientPort, security);

        // As at boot: no --bootstrap-server, no --command-config. wait-healthy reaches the broker the way its peers do,
        // on the INTERNAL TLS listener with the broker's own truststore from server.properties.
        CliRun healthy = CliRun.of("wait-healthy", "--root", root.toString(), "--timeout", "120", "--output", "json");
        assertThat(healthy.exitCode()).as(healthy.stderr()).isZero();
        assertThat(healthy.json().get("registered").asBoolean()).isTrue();

        // Nobody has a SCRAM user yet: the operator creates one over the brokers' own TLS listener.
        try (Admin admin = Admin.create(tls("127.0.0.1:" + internalPort))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("alice",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), "alice-pw"))).all().get();
        }
        String client = "127.0.0.1:" + clientPort;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producer(scram(client, "alice-pw")))) {
            producer.send(new ProducerRecord<>("secured", "k", "over TLS with SCRAM")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumer(scram(client, "alice-pw")))) {
            consumer.subscribe(List.of("secured"));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos(); // a bound for a broken broker
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
            assertThat(values).containsExactly("over TLS with SCRAM");
        }
        try (Admin wrong = Admin.create(scram(client, "not-alice-pw"))) {
            assertThatThrownBy(() -> wrong.describeCluster().clusterId().get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static void put(SsmClient ssm, String name, String value) {
        ssm.putParameter(r -> r.name("/kafka-aas/kafka3-tls/" + name).value(value).type(ParameterType.SECURE_STRING));
    }

    /** A client that trusts the CA (the truststore fetch-secrets wrote) and checks the broker's name. */
    private Properties tls(String bootstrap) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, root.resolve("etc/kafka/secrets/kafka.truststore.p12").toString());
        p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, TRUSTSTORE_PASSWORD);
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        return p;
    }

    private Properties scram(String bootstrap, String password) {
        Properties p = tls(bootstrap);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        p.put(SaslConfigs.SASL_MECHANISM, SCRAM);
        p.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\""
                + " password=\"" + password + "\";");
        return p;
    }

    private static Properties producer(Properties p) {
        p.putAll(Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all"));
        return p;
    }

    private static Properties consumer(Properties p) {
        p.putAll(Map.of(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.GROUP_ID_CONFIG, "tls-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        return p;
    }
}
