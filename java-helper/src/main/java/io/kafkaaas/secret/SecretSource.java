package io.kafkaaas.secret;

/**
 * Port: the store the cluster's secrets live in (SSM Parameter Store or Secrets Manager), under one per-cluster
 * prefix. An adapter must guarantee three things: the value comes back decrypted; a secret that does not exist is
 * a {@link SecretMissingException} (exit 2) naming it; a secret that exists but may not be read or decrypted
 * (IAM, the KMS key) is a {@link SecretDeniedException} (exit 6) naming it. No message, log line or
 * {@code toString} of an adapter ever carries a secret's value.
 */
public interface SecretSource {
    /** The value stored under this name, below the cluster's prefix (e.g. "keystore/2"). */
    Secret fetch(String name);

    /** Where a name lives, for messages: e.g. "SSM parameter /kafka-aas/prod/keystore/2". */
    String describe(String name);
}
