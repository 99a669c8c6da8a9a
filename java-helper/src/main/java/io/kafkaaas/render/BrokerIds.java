package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;

/**
 * Kafka node ids as controller.quorum.voters names them: a non-negative int, written plainly. A voter need not
 * be one of this cluster's broker slots; a broker's own id is a {@link io.kafkaaas.core.BrokerId}.
 */
public final class BrokerIds {
    private BrokerIds() {
    }

    public static int parse(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new UsageException(what + " is required: the broker id that claim-id returned");
        }
        String text = value.trim();
        if (!text.matches("0|[1-9][0-9]{0,9}") || Long.parseLong(text) > Integer.MAX_VALUE) {
            throw new UsageException(what + " '" + value + "' is not a broker id (a whole number 0-" + Integer.MAX_VALUE + ")");
        }
        return Integer.parseInt(text);
    }
}
