package io.kafkaaas.core;

import java.util.regex.Pattern;

/** The name that scopes a cluster's claims in ZooKeeper (/kafka-aas/NAME/claims): one path segment, never . or .. */
public record ClusterName(String value) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");

    public ClusterName {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidValueException("'" + value + "' must be 1-100 of A-Z a-z 0-9 . _ - (not starting with .)");
        }
    }

    public static ClusterName parse(String text) {
        return new ClusterName(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
