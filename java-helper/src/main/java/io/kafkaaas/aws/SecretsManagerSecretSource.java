package io.kafkaaas.aws;

import io.kafkaaas.secret.Secret;
import io.kafkaaas.secret.SecretSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/** Adapter: the cluster's secrets in Secrets Manager as kafka-aas/&lt;cluster&gt;/..., binary or string. */
public final class SecretsManagerSecretSource implements SecretSource {
    private final SecretsManagerClient secrets;
    private final String prefix;
    private final String endpoint;

    public SecretsManagerSecretSource(SecretsManagerClient secrets, String cluster, String endpoint) {
        this.secrets = secrets;
        this.prefix = "kafka-aas/" + cluster + "/";
        this.endpoint = endpoint;
    }

    @Override
    public Secret fetch(String name) {
        try {
            GetSecretValueResponse value = secrets.getSecretValue(r -> r.secretId(prefix + name));
            return value.secretBinary() != null ? Secret.binary(value.secretBinary().asByteArray())
                    : Secret.text(value.secretString());
        } catch (SdkException e) {
            throw SecretFailures.translate(describe(name), endpoint, e);
        }
    }

    @Override
    public String describe(String name) {
        return "Secrets Manager secret " + prefix + name;
    }
}
