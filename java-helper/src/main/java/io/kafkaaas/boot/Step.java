package io.kafkaaas.boot;

import java.util.Locale;

/** The steps of a boot, in the order they run. */
public enum Step {
    CLAIM,
    ENI,
    VOLUME,
    NETWORK,
    SECRETS,
    RENDER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
