package io.kafkaaas.localcloud;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Tags of one resource, and EC2's filter-value wildcards (* any run of characters, ? one character). */
final class CloudTags {
    private final Map<String, String> tags = new TreeMap<>();

    Map<String, String> all() {
        return tags;
    }

    void put(String key, String value) {
        tags.put(key, value == null ? "" : value);
    }

    String name() {
        return tags.get("Name");
    }

    static boolean wildcardMatch(String pattern, String value) {
        if (value == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }
}
