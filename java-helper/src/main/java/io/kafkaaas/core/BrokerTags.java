package io.kafkaaas.core;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/** The Name tag convention that ties an ENI or a volume to a broker id: {@code <prefix><id>}, e.g. KAFKA-3. */
public final class BrokerTags {
    private static final Pattern CANONICAL_ID = Pattern.compile("0|[1-9][0-9]{0,8}");
    public static final String DEFAULT_PREFIX = "KAFKA-";
    /** Appended to the Name of a retired id's ENI and volume: no claimer looks for it, so no instance takes them. */
    public static final String RETIRED_SUFFIX = "-retired";

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

    /** KAFKA-3-retired: the name retire-id gives the ENI and volume of a retired id. */
    public static String retiredNameFor(String prefix, int brokerId) {
        return nameFor(prefix, brokerId) + RETIRED_SUFFIX;
    }

    /** The id a retired Name tag stands for (KAFKA-3-retired is 3); empty for any other name. */
    public static OptionalInt retiredIdOf(String name, String prefix) {
        if (name == null || !name.endsWith(RETIRED_SUFFIX)) {
            return OptionalInt.empty();
        }
        return brokerIdOf(name.substring(0, name.length() - RETIRED_SUFFIX.length()), prefix);
    }
}
