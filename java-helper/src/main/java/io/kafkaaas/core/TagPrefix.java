package io.kafkaaas.core;

import java.util.regex.Pattern;

/** The prefix of the brokers' Name tags: ENI and volume of broker N are tagged Name=PREFIXN. */
public record TagPrefix(String value) {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9 ._:/=+@-]{1,100}");
    public static final TagPrefix DEFAULT = new TagPrefix(BrokerTags.DEFAULT_PREFIX);

    public TagPrefix {
        if (value == null || !PREFIX.matcher(value).matches()) {
            throw new InvalidValueException("'" + value + "' is not a usable Name-tag prefix (1-100 of A-Z a-z 0-9 space ._:/=+@-)");
        }
    }

    public static TagPrefix parse(String text) {
        return new TagPrefix(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
