package io.kafkaaas.core;

import java.util.regex.Pattern;

/** An EC2 instance id, i-... (emulators use shorter ones than EC2's 17 hex digits). */
public record InstanceId(String value) {
    private static final Pattern ID = Pattern.compile("i-[A-Za-z0-9]+");

    public InstanceId {
        if (value == null || !ID.matcher(value).matches()) {
            throw new InvalidValueException("'" + value + "' is not an EC2 instance id (i-...)");
        }
    }

    public static InstanceId parse(String text) {
        return new InstanceId(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
