package io.kafkaaas.core;

import java.util.Base64;
import java.util.regex.Pattern;

/** Kafka's cluster id: 16 random bytes in URL-safe base64 without padding, as 'kafka-storage random-uuid' prints. */
public record KafkaClusterId(String value) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    public KafkaClusterId {
        if (value == null || !ID.matcher(value).matches() || decodedLength(value) != 16) {
            throw new InvalidValueException("'" + value + "' is not a Kafka cluster id (22 characters of URL-safe base64,"
                    + " as 'kafka-storage random-uuid' prints)");
        }
    }

    public static KafkaClusterId parse(String text) {
        return new KafkaClusterId(text);
    }

    private static int decodedLength(String value) {
        try {
            return Base64.getUrlDecoder().decode(value).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
