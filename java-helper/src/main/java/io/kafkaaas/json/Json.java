package io.kafkaaas.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.TreeNode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The helper's JSON, on jackson-core's streaming API alone: results printed as one object, claim znodes, the output
 * of {@code ip -j}. Every boot runs one helper call that prints one small object and reads a few small documents;
 * databind's object mapper cost that call about 350 classes (a tenth of its AppCDS archive's pages, all resident)
 * and their introspection, for nothing a map of plain values needs (bench/startup-appcds.sh).
 *
 * <p>Written: maps (keys as text, in their order), lists and other iterables, arrays, Optionals (their value or
 * null), text, numbers, booleans, null, enums (their name), records (an object of their components), jackson
 * trees (as they are); anything else as its text. Read: objects as insertion-ordered maps, arrays as lists, numbers as Integer, Long, BigInteger
 * or Double, and text, booleans and null as themselves.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {
    }

    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The first JSON value of the text; an IOException names what is wrong when there is none or it is broken. */
    public static Object read(String text) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return readDocument(parser);
        }
    }

    public static Object read(byte[] bytes) throws IOException {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            return readDocument(parser);
        }
    }

    private static Object readDocument(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new JsonParseException(parser, "no JSON value (empty input)");
        }
        return readValue(parser, first);
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    object.put(name, readValue(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(readValue(parser, t));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    private static void write(JsonGenerator out, Object value) throws IOException {
        if (value instanceof Optional<?> optional) {
            write(out, optional.orElse(null));
        } else if (value == null) {
            out.writeNull();
        } else if (value instanceof CharSequence text) {
            out.writeString(text.toString());
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double d) {
            out.writeNumber(d);
        } else if (value instanceof Float f) {
            out.writeNumber(f);
        } else if (value instanceof BigInteger big) {
            out.writeNumber(big);
        } else if (value instanceof BigDecimal big) {
            out.writeNumber(big);
        } else if (value instanceof TreeNode tree) {
            // A tree built elsewhere (the simulation's report nests what its Kafka probes printed), token by token;
            // before Iterable, which a databind tree also is.
            try (JsonParser parser = tree.traverse()) {
                parser.nextToken();
                out.copyCurrentStructure(parser);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                write(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            out.writeStartArray();
            for (Object item : items) {
                write(out, item);
            }
            out.writeEndArray();
        } else if (value instanceof Object[] items) {
            write(out, Arrays.asList(items));
        } else if (value instanceof Enum<?> constant) {
            out.writeString(constant.name());
        } else if (value instanceof Record record) {
            write(out, components(record));
        } else {
            out.writeString(value.toString());
        }
    }

    private static Map<String, Object> components(Record record) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                var accessor = component.getAccessor();
                accessor.setAccessible(true); // a result's records may be package-private
                object.put(component.getName(), accessor.invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + record.getClass().getName() + "." + component.getName(), e);
            }
        }
        return object;
    }
}
