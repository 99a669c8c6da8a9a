package io.kafkaaas.network;

import io.kafkaaas.core.UsageException;

import java.util.Set;
import java.util.regex.Pattern;

/** The routing table that holds the ENI's routes: a number for the kernel and a name for rt_tables. */
public record RouteTable(long id, String name) {
    public static final long DEFAULT_ID = 100;
    public static final String DEFAULT_NAME = "kafka-eni";
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> RESERVED_NAMES = Set.of("local", "main", "default", "unspec", "all");

    public RouteTable {
        if (id < 1 || id > 0xFFFFFFFFL || id == 253 || id == 254 || id == 255) {
            throw new UsageException("--table-id " + id + " is not usable: pick 1-252 or 256-4294967295"
                    + " (0, 253 default, 254 main and 255 local are the kernel's own)");
        }
        if (name == null || !NAME.matcher(name).matches() || RESERVED_NAMES.contains(name)) {
            throw new UsageException("--table-name '" + name + "' is not usable: 1-64 of A-Z a-z 0-9 _ . -,"
                    + " starting with a letter, and not local, main, default, unspec or all");
        }
    }
}
