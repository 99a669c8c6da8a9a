package io.kafkaaas.localcloud;

import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.LocalCloudFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local cloud's SSM and Secrets Manager through the real SDK, and fetch-secrets against them. */
class LocalCloudSecretsTest {
    private static final String PASSWORD = "local-ks-pw-3e9";

    @TempDir
    Path workdir;
    @TempDir
    Path root;
    private LocalCloudFixture cloud;
    private SsmClient ssm;
    private SecretsManagerClient secretsManager;

    @BeforeEach
    void setUp() {
        cloud = new LocalCloudFixture(workdir, new CloudTimings(Duration.ofMillis(20), Duration.ofMillis(20),
                Duration.ofMillis(20), Duration.ofMillis(300)));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        ssm = SsmClient.builder().endpointOverride(cloud.server().ec2Endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        secretsManager = SecretsManagerClient.builder().endpointOverride(cloud.server().ec2Endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void tearDown() {
        ssm.close();
        secretsManager.close();
        cloud.close();
    }

    private void put(String name, String value, String key) {
        ssm.putParameter(r -> r.name("/kafka-aas/local/" + name).value(value).type(ParameterType.SECURE_STRING).keyId(key));
    }

    private CliRun fetch(String store, String... extra) {
        List<String> args = new ArrayList<>(List.of("fetch-secrets", "--cluster", "local", "--broker-id", "1",
                "--secret-store", store, "--ssm-endpoint", cloud.server().ec2Endpoint().toString(),
                "--secretsmanager-endpoint", cloud.server().ec2Endpoint().toString(), "--region", "us-east-1",
                "--aws-max-attempts", "1", "--root", root.toString(), "--kafka-group", "root", "--output", "json"));
        args.addAll(List.of(extra));
        return CliRun.of(args);
    }

    @Test
    void parametersArePutReadByNameAndByPathAndNotOverwrittenUnasked() {
        put("truststore-password", "tp", LocalSecrets.INSTANCE_KEY);
        put("keystore/0", "a2V5", LocalSecrets.INSTANCE_KEY);

        assertThat(ssm.getParameter(r -> r.name("/kafka-aas/local/truststore-password").withDecryption(true)).parameter().value())
                .isEqualTo("tp");
        assertThat(ssm.getParametersByPath(r -> r.path("/kafka-aas/local").recursive(true).withDecryption(true)).parameters())
                .extracting(Parameter::name).containsExactly("/kafka-aas/local/keystore/0", "/kafka-aas/local/truststore-password");
        assertThat(ssm.getParametersByPath(r -> r.path("/kafka-aas/local").recursive(false).withDecryption(true)).parameters())
                .extracting(Parameter::name).containsExactly("/kafka-aas/local/truststore-password");
        assertThatThrownBy(() -> put("truststore-password", "other", LocalSecrets.INSTANCE_KEY))
                .isInstanceOf(ParameterAlreadyExistsException.class);
    }

    @Test
    void fetchSecretsReadsSsmThenChangesNothingOnASecondRun() throws Exception {
        put("keystore/1", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}), LocalSecrets.INSTANCE_KEY);
        put("keystore-password", PASSWORD, LocalSecrets.INSTANCE_KEY);
        put("truststore", Base64.getEncoder().encodeToString(new byte[] {4, 5}), LocalSecrets.INSTANCE_KEY);
        put("truststore-password", "tp", LocalSecrets.INSTANCE_KEY);

        CliRun first = fetch("ssm", "--security-protocol", "SSL");
        CliRun second = fetch("ssm", "--security-protocol", "SSL");

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.json().get("changed").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(root.resolve("etc/kafka/secrets/kafka.keystore.p12"))).containsExactly(1, 2, 3);
        assertThat(second.json().get("changed").asBoolean()).isFalse();
        assertThat(first.stdout() + first.stderr() + second.stdout() + second.stderr()).doesNotContain(PASSWORD);
    }

    @Test
    void aParameterUnderAKeyTheInstanceMayNotUseIsExitSixNamingItWithoutItsValue() {
        put("keystore/1", "a2V5", LocalSecrets.INSTANCE_KEY);
        put("keystore-password", PASSWORD, "alias/someone-elses-key");

        CliRun run = fetch("ssm", "--security-protocol", "SSL");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("SSM parameter /kafka-aas/local/keystore-password could not be read (AccessDeniedException)");
        assertThat(run.stdout() + run.stderr()).doesNotContain(PASSWORD);
        assertThat(root.resolve("etc/kafka/secrets")).doesNotExist();
    }

    @Test
    void secretsManagerServesBinaryAndStringAndReportsMissingAndUndecryptableSecrets() throws Exception {
        CliRun missing = fetch("secretsmanager", "--security-protocol", "SSL");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errorLines()).singleElement().asString().contains("Secrets Manager secret kafka-aas/local/keystore/1 does not exist");

        secretsManager.createSecret(r -> r.name("kafka-aas/local/keystore/1").secretBinary(SdkBytes.fromByteArray(new byte[] {9, 8})));
        secretsManager.createSecret(r -> r.name("kafka-aas/local/keystore-password").secretString(PASSWORD));
        secretsManager.createSecret(r -> r.name("kafka-aas/local/truststore").secretBinary(SdkBytes.fromByteArray(new byte[] {7})));
        secretsManager.createSecret(r -> r.name("kafka-aas/local/truststore-password").secretString("tp")
                .kmsKeyId("alias/someone-elses-key"));

        CliRun denied = fetch("secretsmanager", "--security-protocol", "SSL");
        assertThat(denied.exitCode()).isEqualTo(6);
        assertThat(denied.errorLines()).singleElement().asString()
                .contains("Secrets Manager secret kafka-aas/local/truststore-password could not be read (DecryptionFailure)");

        secretsManager.putSecretValue(r -> r.secretId("kafka-aas/local/truststore-password").secretString("tp"));
        // PutSecretValue keeps the secret's key: still not ours.
        assertThat(fetch("secretsmanager", "--security-protocol", "SSL").exitCode()).isEqualTo(6);
        cloud.cloud().secrets().putSecret("kafka-aas/local/truststore-password", java.util.Optional.of("tp"),
                java.util.Optional.empty(), LocalSecrets.INSTANCE_KEY);

        CliRun run = fetch("secretsmanager", "--security-protocol", "SSL");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Files.readAllBytes(root.resolve("etc/kafka/secrets/kafka.keystore.p12"))).containsExactly(9, 8);
        assertThat(Files.readString(root.resolve("etc/kafka/secrets/keystore.password"))).isEqualTo(PASSWORD);
        assertThat(run.stdout() + run.stderr()).doesNotContain(PASSWORD);
    }
}
