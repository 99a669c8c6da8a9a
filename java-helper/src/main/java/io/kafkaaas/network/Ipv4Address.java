package io.kafkaaas.network;

import io.kafkaaas.core.UsageException;

import java.util.regex.Pattern;

/**
 * A dotted-quad IPv4 address, parsed strictly: ENI IPs and gateways end up in config files and routing
 * rules, where a typo (10.0.1.300, 010.0.1.5) must stop the run instead of being guessed at.
 */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {
    private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");

    /** Parses {@code value}; {@code what} names the option in the error, e.g. "--private-ip". */
    public static Ipv4Address parse(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new UsageException(what + " is required: an IPv4 address such as 10.0.1.15");
        }
        String[] parts = value.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw invalid(what, value);
        }
        int bits = 0;
        for (String part : parts) {
            if (!OCTET.matcher(part).matches() || Integer.parseInt(part) > 255) {
                throw invalid(what, value);
            }
            bits = (bits << 8) | Integer.parseInt(part);
        }
        return new Ipv4Address(bits);
    }

    private static UsageException invalid(String what, String value) {
        return new UsageException(what + " '" + value + "' is not an IPv4 address (four numbers 0-255, e.g. 10.0.1.15)");
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return ((bits >>> 24) & 0xff) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }
}
