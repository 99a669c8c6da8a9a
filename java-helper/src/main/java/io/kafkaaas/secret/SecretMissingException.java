package io.kafkaaas.secret;

import io.kafkaaas.core.UsageException;

/** A secret the configuration needs is not in the store (exit 2): the operator has to put it there. */
public final class SecretMissingException extends UsageException {
    private static final long serialVersionUID = 1L;

    public SecretMissingException(String where) {
        super(where + " does not exist; put it there (see docs/security.md) or fix --cluster/--secret-store");
    }
}
