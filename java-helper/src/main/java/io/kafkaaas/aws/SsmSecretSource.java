package io.kafkaaas.aws;

import io.kafkaaas.secret.Secret;
import io.kafkaaas.secret.SecretSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Adapter: the cluster's secrets as SecureString parameters under /kafka-aas/&lt;cluster&gt;/, read WithDecryption. */
public final class SsmSecretSource implements SecretSource {
    private final SsmClient ssm;
    private final String prefix;
    private final String endpoint;

    public SsmSecretSource(SsmClient ssm, String cluster, String endpoint) {
        this.ssm = ssm;
        this.prefix = "/kafka-aas/" + cluster + "/";
        this.endpoint = endpoint;
    }

    @Override
    public Secret fetch(String name) {
        try {
            return Secret.text(ssm.getParameter(r -> r.name(prefix + name).withDecryption(true)).parameter().value());
        } catch (SdkException e) {
            throw SecretFailures.translate(describe(name), endpoint, e);
        }
    }

    @Override
    public String describe(String name) {
        return "SSM parameter " + prefix + name;
    }
}
