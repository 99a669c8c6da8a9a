package io.kafkaaas.secret;

import io.kafkaaas.core.DependencyUnreachableException;

/**
 * A secret exists but this instance may not read or decrypt it (exit 6): IAM denies it, or it is encrypted with a
 * KMS key the role may not use. The message carries the store's error code, never the value.
 */
public final class SecretDeniedException extends DependencyUnreachableException {
    private static final long serialVersionUID = 1L;

    public SecretDeniedException(String where, String code) {
        super(where + " could not be read (" + code + "): let the instance role read it and decrypt with its KMS key"
                + " (docs/security.md), or put it again with the cluster's key");
    }
}
