package io.kafkaaas.secret;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.MotoServer;
import io.kafkaaas.testing.StderrCapture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** fetch-secrets end to end: the CLI, the real SDK's SSM and Secrets Manager clients, and moto_server. */
class FetchSecretsMotoTest {
    private static final String KEYSTORE_PASSWORD = "ks-pass-7c1e0f";
    private static final String TRUSTSTORE_PASSWORD = "ts-pass-91ab4d";
    private static final String SCRAM_PASSWORD = "scram-pass-5d22e8";

    @TempDir
    Path root;

    private MotoServer moto;
    private byte[] keystore;
    private byte[] truststore;

    @BeforeEach
    void setUp() {
        moto = MotoServer.get();
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        Random random = new Random(12);
        keystore = new byte[2500];
        truststore = new byte[1200];
        random.nextBytes(keystore);
        random.nextBytes(truststore);
    }

    private void putSsm(SsmClient ssm, String name, String value) {
        ssm.putParameter(r -> r.name("/kafka-aas/prod/" + name).value(value).type(ParameterType.SECURE_STRING));
    }

    private void seedSsm(boolean withTruststorePassword) {
        try (SsmClient ssm = moto.client(SsmClient.builder())) {
            putSsm(ssm, "keystore/1", Base64.getEncoder().encodeToString(keystore));
            putSsm(ssm, "keystore/2", Base64.getEncoder().encodeToString(truststore)); // another broker's: never fetched
            putSsm(ssm, "keystore-password", KEYSTORE_PASSWORD);
            putSsm(ssm, "truststore", Base64.getEncoder().encodeToString(truststore));
            if (withTruststorePassword) {
                putSsm(ssm, "truststore-password", TRUSTSTORE_PASSWORD + "\n");
            }
        }
    }

    private CliRun fetch(String store, String endpointOption, String... extra) {
        List<String> args = new ArrayList<>(List.of("fetch-secrets", "--cluster", "prod", "--broker-id", "1",
                "--secret-store", store, endpointOption, moto.endpoint().toString(), "--region", "us-east-1",
                "--root", root.toString(), "--kafka-group", "root", "--output", "json", "--verbose"));
        args.addAll(List.of(extra));
        CliRun[] run = new CliRun[1];
        String logged = StderrCapture.during(() -> run[0] = CliRun.of(args));
        return new CliRun(run[0].exitCode(), run[0].stdout(), run[0].stderr() + logged);
    }

    private Path secret(String name) {
        return root.resolve("etc/kafka/secrets").resolve(name);
    }

    private void assertNoSecretIn(String text) {
        for (String secret : List.of(KEYSTORE_PASSWORD, TRUSTSTORE_PASSWORD, SCRAM_PASSWORD,
                Base64.getEncoder().encodeToString(keystore).substring(0, 24),
                Base64.getEncoder().encodeToString(truststore).substring(0, 24))) {
            assertThat(text).doesNotContain(secret);
        }
    }

    @Test
    void writesThisBrokersKeystoreTheTruststoreAndPasswordsFromSsmMode0640AndASecondRunChangesNothing() throws Exception {
        seedSsm(true);

        CliRun first = fetch("ssm", "--ssm-endpoint", "--security-protocol", "SSL");

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        JsonNode json = first.json();
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("files")).hasSize(4);
        assertThat(Files.readAllBytes(secret(SecretFile.KEYSTORE))).isEqualTo(keystore);
        assertThat(Files.readAllBytes(secret(SecretFile.TRUSTSTORE))).isEqualTo(truststore);
        assertThat(Files.readString(secret(SecretFile.KEYSTORE_PASSWORD))).isEqualTo(KEYSTORE_PASSWORD);
        assertThat(Files.readString(secret(SecretFile.TRUSTSTORE_PASSWORD))).isEqualTo(TRUSTSTORE_PASSWORD);
        for (String file : List.of(SecretFile.KEYSTORE, SecretFile.TRUSTSTORE, SecretFile.KEYSTORE_PASSWORD, SecretFile.TRUSTSTORE_PASSWORD)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret(file)))).as(file).isEqualTo("rw-r-----");
        }
        assertThat(secret(SecretFile.SCRAM_PASSWORD)).doesNotExist();
        assertNoSecretIn(first.stdout() + first.stderr());

        CliRun second = fetch("ssm", "--ssm-endpoint", "--security-protocol", "SSL");

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.json().get("changed").asBoolean()).isFalse();
        assertThat(second.json().get("changedFiles")).isEmpty();
        assertNoSecretIn(second.stdout() + second.stderr());
    }

    @Test
    void aMissingParameterIsExitTwoNamingItAndWritesNothing() {
        seedSsm(false);

        CliRun run = fetch("ssm", "--ssm-endpoint", "--security-protocol", "SSL");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("SSM parameter /kafka-aas/prod/truststore-password does not exist");
        assertThat(secret(SecretFile.KEYSTORE)).doesNotExist();
        assertNoSecretIn(run.stdout() + run.stderr());
    }

    @Test
    void readsBinaryAndStringSecretsFromSecretsManagerWithTheScramPasswordForSaslSsl() throws Exception {
        try (SecretsManagerClient sm = moto.client(SecretsManagerClient.builder())) {
            sm.createSecret(r -> r.name("kafka-aas/prod/keystore/1").secretBinary(SdkBytes.fromByteArray(keystore)));
            sm.createSecret(r -> r.name("kafka-aas/prod/keystore-password").secretString(KEYSTORE_PASSWORD));
            sm.createSecret(r -> r.name("kafka-aas/prod/truststore").secretString(Base64.getEncoder().encodeToString(truststore)));
            sm.createSecret(r -> r.name("kafka-aas/prod/truststore-password").secretBinary(
                    SdkBytes.fromString(TRUSTSTORE_PASSWORD, StandardCharsets.UTF_8)));
            sm.createSecret(r -> r.name("kafka-aas/prod/scram-password").secretString(SCRAM_PASSWORD));
        }

        CliRun run = fetch("secretsmanager", "--secretsmanager-endpoint", "--security-protocol", "SASL_SSL");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.json().get("files")).hasSize(5);
        assertThat(Files.readAllBytes(secret(SecretFile.KEYSTORE))).isEqualTo(keystore);
        assertThat(Files.readAllBytes(secret(SecretFile.TRUSTSTORE))).isEqualTo(truststore);
        assertThat(Files.readString(secret(SecretFile.TRUSTSTORE_PASSWORD))).isEqualTo(TRUSTSTORE_PASSWORD);
        assertThat(Files.readString(secret(SecretFile.SCRAM_PASSWORD))).isEqualTo(SCRAM_PASSWORD);
        assertNoSecretIn(run.stdout() + run.stderr());
    }

    @Test
    void aMissingSecretInSecretsManagerIsExitTwoNamingIt() {
        CliRun run = fetch("secretsmanager", "--secretsmanager-endpoint", "--security-protocol", "SSL");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("Secrets Manager secret kafka-aas/prod/keystore/1 does not exist");
    }
}
