package io.kafkaaas.cli;

import io.kafkaaas.aws.SecretClients;
import io.kafkaaas.aws.SecretsManagerSecretSource;
import io.kafkaaas.aws.SsmSecretSource;
import io.kafkaaas.secret.SecretSource;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.Optional;

/** Where the cluster's secrets live: SSM Parameter Store or Secrets Manager, with endpoint overrides for emulators. */
public final class SecretOptions {
    /** The stores fetch-secrets can read; none means the listeners need no secret (or they are put in place by hand). */
    public enum Store { none, ssm, secretsmanager }

    @Option(names = "--secret-store", paramLabel = "none|ssm|secretsmanager", defaultValue = "none",
            description = "Fetch the keystore, truststore and passwords from SSM Parameter Store (/kafka-aas/<cluster>/...)"
                    + " or Secrets Manager (kafka-aas/<cluster>/...). Default: ${DEFAULT-VALUE}.")
    Store store = Store.none;

    @Option(names = "--ssm-endpoint", paramLabel = "URL", description = "SSM endpoint override, for emulators.")
    String ssmEndpoint;

    @Option(names = "--secretsmanager-endpoint", paramLabel = "URL", description = "Secrets Manager endpoint override, for emulators.")
    String secretsManagerEndpoint;

    public Store store() {
        return store;
    }

    /** Checks the endpoints before anything is called. */
    public void validate() {
        Endpoints.parse("--ssm-endpoint", ssmEndpoint);
        Endpoints.parse("--secretsmanager-endpoint", secretsManagerEndpoint);
    }

    /** The adapter for the chosen store; its client is closed with the adapters. */
    public SecretSource source(Adapters adapters, String cluster) {
        String region = adapters.region();
        return switch (store) {
            case ssm -> {
                Optional<URI> endpoint = Endpoints.parse("--ssm-endpoint", ssmEndpoint);
                yield new SsmSecretSource(adapters.register(SecretClients.ssm(adapters.awsSettings(), region, endpoint)),
                        cluster, endpoint.map(Object::toString).orElse("SSM (" + region + ")"));
            }
            case secretsmanager -> {
                Optional<URI> endpoint = Endpoints.parse("--secretsmanager-endpoint", secretsManagerEndpoint);
                yield new SecretsManagerSecretSource(adapters.register(SecretClients.secretsManager(adapters.awsSettings(),
                        region, endpoint)), cluster, endpoint.map(Object::toString).orElse("Secrets Manager (" + region + ")"));
            }
            case none -> throw new IllegalStateException("no secret store chosen");
        };
    }
}
