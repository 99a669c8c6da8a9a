package io.kafkaaas.render;

/**
 * Escapes a value for a .properties file. Kafka reads server.properties with java.util.Properties in
 * ISO-8859-1, so backslashes, line breaks and anything outside printable ASCII must be escaped, or the
 * broker would read a different value than the operator gave.
 */
public final class PropertiesText {
    private PropertiesText() {
    }

    public static String escapeValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
