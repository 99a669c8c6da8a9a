package io.kafkaaas.core;

import java.util.regex.Pattern;

/**
 * An Availability Zone's name: us-east-1a, a Local Zone (us-west-2-lax-1a) or a Wavelength Zone
 * (us-east-1-wl1-bos-wlz-1). A region (us-east-1) is not one: a broker's ENI and volume live in one AZ.
 */
public record AvailabilityZone(String name) {
    private static final Pattern NAME = Pattern.compile("[a-z]{2}(-[a-z0-9]+)*-[0-9]+[a-z]|[a-z]{2}(-[a-z0-9]+)+-wlz-[0-9]+");

    public AvailabilityZone {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidValueException("'" + name + "' is not an Availability Zone (e.g. us-east-1a)");
        }
    }

    public static AvailabilityZone parse(String text) {
        return new AvailabilityZone(text);
    }

    @Override
    public String toString() {
        return name;
    }
}
