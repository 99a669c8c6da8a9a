package io.kafkaaas.localcloud;

import java.util.Map;

/** Just enough XML writing for EC2 responses: nested elements with escaped text. */
final class Xml {
    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    Xml open(String element) {
        out.append('<').append(element).append('>');
        return this;
    }

    Xml openRoot(String element, String namespace) {
        out.append('<').append(element).append(" xmlns=\"").append(namespace).append("\">");
        return this;
    }

    Xml close(String element) {
        out.append("</").append(element).append('>');
        return this;
    }

    Xml text(String element, Object value) {
        if (value == null) {
            return this;
        }
        out.append('<').append(element).append('>').append(escape(String.valueOf(value))).append("</").append(element).append('>');
        return this;
    }

    Xml tagSet(Map<String, String> tags) {
        open("tagSet");
        tags.forEach((k, v) -> open("item").text("key", k).text("value", v).close("item"));
        return close("tagSet");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
