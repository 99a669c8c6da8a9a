package io.kafkaaas.render;

import io.kafkaaas.testing.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** render with each listener security mode: the settings Kafka will read back, and the combinations that cannot work. */
class ListenerSecurityRenderTest {
    private static final String KS_PASS = "ks-secret-1";
    private static final String TS_PASS = "ts-secret-2";
    private static final String SCRAM_PASS = "scr=am secret 3";

    @TempDir
    Path root;

    @BeforeEach
    void secretsFetched() throws IOException {
        Path dir = Files.createDirectories(root.resolve("etc/kafka/secrets"));
        Files.writeString(dir.resolve("keystore.password"), KS_PASS + "\n");
        Files.writeString(dir.resolve("truststore.password"), TS_PASS);
        Files.writeString(dir.resolve("scram.password"), SCRAM_PASS);
    }

    private CliRun render(String... extra) {
        List<String> args = new ArrayList<>(List.of("render", "--root", root.toString(), "--output", "json",
                "--broker-id", "2", "--broker-count", "3", "--private-ip", "10.0.3.25", "--network-style", "none",
                "--log-dir", "/data/kafka", "--zookeeper", "zk1:2181/kafka"));
        args.addAll(List.of(extra));
        return CliRun.of(args);
    }

    private CliRun kraft(String... extra) {
        List<String> args = new ArrayList<>(List.of("render", "--root", root.toString(), "--output", "json",
                "--broker-id", "0", "--broker-count", "3", "--private-ip", "10.0.1.5", "--network-style", "none",
                "--log-dir", "/data/kafka", "--kafka-mode", "kraft", "--controller-voters", "0@10.0.1.5:9093"));
        args.addAll(List.of(extra));
        return CliRun.of(args);
    }

    private Properties rendered(CliRun run) throws IOException {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Properties properties = new Properties();
        try (var in = Files.newInputStream(root.resolve("etc/kafka/server.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void plaintextHasNoSecuritySettings() throws IOException {
        Properties p = rendered(render());

        assertThat(p.getProperty("listener.security.protocol.map")).isEqualTo("PLAINTEXT:PLAINTEXT");
        assertThat(p.stringPropertyNames()).noneMatch(k -> k.startsWith("ssl.") || k.startsWith("sasl.") || k.contains("jaas"));
        assertThat(Files.readString(root.resolve("etc/kafka/server.properties"))).doesNotContain("Security");
    }

    @Test
    void sslServesTlsFromTheFetchedStoresWithTheirPasswords() throws IOException {
        Properties p = rendered(render("--security-protocol", "SSL"));

        assertThat(p.getProperty("listeners")).isEqualTo("SSL://10.0.3.25:9092");
        assertThat(p.getProperty("inter.broker.listener.name")).isEqualTo("SSL");
        assertThat(p.getProperty("listener.security.protocol.map")).isEqualTo("SSL:SSL");
        assertThat(p.getProperty("ssl.keystore.location")).isEqualTo(root.resolve("etc/kafka/secrets/kafka.keystore.p12").toString());
        assertThat(p.getProperty("ssl.keystore.type")).isEqualTo("PKCS12");
        assertThat(p.getProperty("ssl.keystore.password")).isEqualTo(KS_PASS);
        assertThat(p.getProperty("ssl.key.password")).isEqualTo(KS_PASS);
        assertThat(p.getProperty("ssl.truststore.location")).isEqualTo(root.resolve("etc/kafka/secrets/kafka.truststore.p12").toString());
        assertThat(p.getProperty("ssl.truststore.password")).isEqualTo(TS_PASS);
        assertThat(p.getProperty("ssl.client.auth")).isEqualTo("none");
        assertThat(p.stringPropertyNames()).noneMatch(k -> k.startsWith("sasl.") || k.contains("jaas"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("etc/kafka/server.properties"))))
                .isEqualTo("rw-r-----");
    }

    @Test
    void mutualTlsRequiresClientCertificates() throws IOException {
        Properties p = rendered(render("--security-protocol", "SSL", "--ssl-client-auth", "required"));

        assertThat(p.getProperty("ssl.client.auth")).isEqualTo("required");
    }

    @Test
    void saslSslForClientsWithSslBetweenBrokersPutsAVerifyingJaasOnTheClientListenerOnly() throws IOException {
        Properties p = rendered(render("--security-protocol", "SASL_SSL", "--inter-broker-security", "SSL", "--inter-broker-port", "9094"));

        assertThat(p.getProperty("listeners")).isEqualTo("SASL_SSL://10.0.3.25:9092,INTERNAL://10.0.3.25:9094");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("SASL_SSL://10.0.3.25:9092,INTERNAL://10.0.3.25:9094");
        assertThat(p.getProperty("inter.broker.listener.name")).isEqualTo("INTERNAL");
        assertThat(p.getProperty("listener.security.protocol.map")).isEqualTo("SASL_SSL:SASL_SSL,INTERNAL:SSL");
        assertThat(p.getProperty("sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
        assertThat(p.getProperty("sasl.mechanism.inter.broker.protocol")).isNull();
        assertThat(p.getProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required;");
        assertThat(Files.readString(root.resolve("etc/kafka/server.properties"))).doesNotContain(SCRAM_PASS);
    }

    @Test
    void waitHealthyReachesARenderedSecuredBrokerAsItsPeersDo() throws IOException {
        Properties mixed = rendered(render("--security-protocol", "SASL_SSL", "--inter-broker-security", "SSL", "--inter-broker-port", "9094"));
        io.kafkaaas.kafka.OwnListener internal = io.kafkaaas.kafka.OwnListener.of(mixed);

        assertThat(internal.hostPort()).isEqualTo("10.0.3.25:9094");
        assertThat(internal.clientSettings()).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.password", TS_PASS).doesNotContainKey("sasl.jaas.config");

        Properties scram = rendered(render("--security-protocol", "SASL_SSL", "--scram-username", "broker"));
        assertThat(io.kafkaaas.kafka.OwnListener.of(scram).clientSettings()).containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .hasEntrySatisfying("sasl.jaas.config", jaas -> assertThat((String) jaas).contains("username=\"broker\""));
    }

    @Test
    void saslSslBetweenBrokersCarriesTheBrokersScramUserInTheListenersJaas() throws IOException {
        Properties p = rendered(render("--security-protocol", "SASL_SSL", "--scram-username", "broker"));

        assertThat(p.getProperty("inter.broker.listener.name")).isEqualTo("SASL_SSL");
        assertThat(p.getProperty("sasl.mechanism.inter.broker.protocol")).isEqualTo("SCRAM-SHA-512");
        assertThat(p.getProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config")).isEqualTo(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"broker\" password=\"" + SCRAM_PASS + "\";");
        assertThat(p.getProperty("ssl.keystore.password")).isEqualTo(KS_PASS);
    }

    @Test
    void kraftControllerListenerGetsTlsButNeverSasl() throws IOException {
        Properties p = rendered(kraft("--security-protocol", "SASL_SSL", "--inter-broker-security", "SSL"));

        assertThat(p.getProperty("listeners")).isEqualTo("SASL_SSL://10.0.1.5:9092,INTERNAL://10.0.1.5:9094,CONTROLLER://10.0.1.5:9093");
        assertThat(p.getProperty("listener.security.protocol.map")).isEqualTo("SASL_SSL:SASL_SSL,INTERNAL:SSL,CONTROLLER:SSL");
        assertThat(p.getProperty("ssl.keystore.location")).isEqualTo(root.resolve("etc/kafka/secrets/kafka.keystore.p12").toString());
    }

    @Test
    void kraftWithPlaintextListenersButAnSslControllerStillConfiguresTheStores() throws IOException {
        Properties p = rendered(kraft("--controller-security", "SSL"));

        assertThat(p.getProperty("listener.security.protocol.map")).isEqualTo("PLAINTEXT:PLAINTEXT,CONTROLLER:SSL");
        assertThat(p.getProperty("ssl.truststore.password")).isEqualTo(TS_PASS);
    }

    @Test
    void anOperatorSettingWinsOverTheSecurityDefaults() throws IOException {
        Properties p = rendered(render("--security-protocol", "SSL", "--set", "ssl.client.auth=requested"));

        assertThat(p.getProperty("ssl.client.auth")).isEqualTo("requested");
        assertThat(Files.readString(root.resolve("etc/kafka/server.properties")).lines().filter(l -> l.startsWith("ssl.client.auth="))).hasSize(1);
    }

    static Stream<Arguments> impossible() {
        return Stream.of(
                Arguments.of(List.of("--kafka-mode", "kraft", "--controller-voters", "2@10.0.3.25:9093", "--controller-security", "SASL_SSL"),
                        "--controller-security SASL_SSL is impossible"),
                Arguments.of(List.of("--controller-security", "SSL"), "--controller-security applies to --kafka-mode kraft only"),
                Arguments.of(List.of("--ssl-client-auth", "required"), "--ssl-client-auth required needs a TLS listener"),
                Arguments.of(List.of("--inter-broker-security", "SSL", "--inter-broker-port", "9092"), "--inter-broker-port 9092 is already"),
                Arguments.of(List.of("--inter-broker-security", "TLS"), "--inter-broker-security 'TLS' is not one of"),
                Arguments.of(List.of("--security-protocol", "SASL_SSL", "--scram-username", "a\"b"), "--scram-username 'a\"b' must be"),
                Arguments.of(List.of("--secrets-dir", "secrets", "--security-protocol", "SSL"), "--secrets-dir 'secrets' must be an absolute path"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("impossible")
    void impossibleCombinationsAreExit2AndWriteNothing(List<String> options, String message) {
        CliRun run = render(options.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains(message);
        assertThat(root.resolve("etc/kafka/server.properties")).doesNotExist();
    }

    @Test
    void aMissingPasswordFileStopsTheRenderAndNamesIt() throws IOException {
        Files.delete(root.resolve("etc/kafka/secrets/truststore.password"));

        CliRun run = render("--security-protocol", "SSL");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .contains(root.resolve("etc/kafka/secrets/truststore.password") + " is missing").contains("run fetch-secrets");
        assertThat(root.resolve("etc/kafka/server.properties")).doesNotExist();
    }

    @Test
    void aScramPasswordAJaasEntryCannotCarryIsRefusedWithoutShowingIt() throws IOException {
        Files.writeString(root.resolve("etc/kafka/secrets/scram.password"), "pa\"ss");

        CliRun run = render("--security-protocol", "SASL_SSL");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("scram.password holds a quote or a backslash").doesNotContain("pa\"ss");
    }
}
