package io.kafkaaas.secret;

import com.sun.net.httpserver.HttpServer;
import io.kafkaaas.testing.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secret this instance may not decrypt (moto does not model KMS permissions): an endpoint that answers every read
 * as SSM and Secrets Manager do when the role lacks kms:Decrypt on the parameter's key. The real SDK parses it.
 */
class SecretDeniedTest {
    @TempDir
    Path root;

    private HttpServer server;
    private String endpoint;

    @BeforeEach
    void setUp() throws IOException {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String type = target != null && target.startsWith("secretsmanager") ? "DecryptionFailure" : "AccessDeniedException";
            byte[] body = ("{\"__type\":\"" + type + "\",\"message\":\"The ciphertext refers to a customer master key that"
                    + " does not exist, or you are not authorized to use it (kms:Decrypt)\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private CliRun fetch(String store, String endpointOption) {
        return CliRun.of(List.of("fetch-secrets", "--cluster", "prod", "--broker-id", "0", "--secret-store", store,
                endpointOption, endpoint, "--region", "us-east-1", "--aws-max-attempts", "1", "--root", root.toString(),
                "--security-protocol", "SSL"));
    }

    @Test
    void anSsmParameterUnderAnotherKmsKeyIsExitSixNamingIt() {
        CliRun run = fetch("ssm", "--ssm-endpoint");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("SSM parameter /kafka-aas/prod/keystore/0 could not be read (AccessDeniedException)");
        assertThat(root.resolve("etc")).doesNotExist();
    }

    @Test
    void aSecretsManagerSecretThatCannotBeDecryptedIsExitSixNamingIt() {
        CliRun run = fetch("secretsmanager", "--secretsmanager-endpoint");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("Secrets Manager secret kafka-aas/prod/keystore/0 could not be read (DecryptionFailure)");
    }
}
