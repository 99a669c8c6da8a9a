package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;

import java.util.Arrays;

/** Kafka's listener security protocols: whether the connection is TLS, and whether clients authenticate with SASL. */
public enum SecurityProtocol {
    PLAINTEXT(false, false), SSL(true, false), SASL_PLAINTEXT(false, true), SASL_SSL(true, true);

    private final boolean tls;
    private final boolean sasl;

    SecurityProtocol(boolean tls, boolean sasl) {
        this.tls = tls;
        this.sasl = sasl;
    }

    public boolean tls() {
        return tls;
    }

    public boolean sasl() {
        return sasl;
    }

    public static SecurityProtocol parse(String option, String value) {
        return Arrays.stream(values()).filter(p -> p.name().equals(value)).findFirst()
                .orElseThrow(() -> new UsageException(option + " '" + value + "' is not one of PLAINTEXT, SASL_PLAINTEXT, SASL_SSL, SSL"));
    }
}
