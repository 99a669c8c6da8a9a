package io.kafkaaas.core;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/** The Name tag convention that ties an ENI or a volume to a broker id: {@code <prefix><id>}, e.g. KAFKA-3. */
public final class BrokerTags {
    private static final Pattern CANONICAL_ID = Pattern.compile("0|[1-9][0-9]{0,8}");
    public static final String DEFAULT_PREFIX = "KAFKA-";

    private BrokerTags() {
    }

    public static String nameFor(String prefix, int brokerId) {
        return prefix + brokerId;
    }

    /** The id a Name tag stands for; empty for names of other resources, or ids not written canonically (KAFKA-01). */
    public static OptionalInt brokerIdOf(String name, String prefix) {
        if (name == null || !name.startsWith(prefix)) {
            return OptionalInt.empty();
        }
        String rest = name.substring(prefix.length());
        return CANONICAL_ID.matcher(rest).matches() ? OptionalInt.of(Integer.parseInt(rest)) : OptionalInt.empty();
    }
}
