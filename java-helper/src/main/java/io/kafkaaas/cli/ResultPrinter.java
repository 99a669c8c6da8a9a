package io.kafkaaas.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Prints results and errors: one JSON object per run in json mode, plain lines in text mode. */
public final class ResultPrinter {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ResultPrinter() {
    }

    public static void print(PrintWriter out, OutputFormat format, CommandResult result) {
        if (format == OutputFormat.json) {
            out.println(toJson(result.json()));
        } else {
            out.println(result.text());
        }
        out.flush();
    }

    /** The JSON object printed instead of a result when a command fails in json mode. */
    public static String errorJson(int exitCode, String message, Map<String, Object> details) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("changed", false);
        json.put("exitCode", exitCode);
        json.put("error", message);
        json.putAll(details);
        return toJson(json);
    }

    public static String toJson(Map<String, Object> json) {
        try {
            return MAPPER.writeValueAsString(unwrapOptionals(json));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Optionals print as their value or null, at any depth: results nest the steps' own results. */
    private static Map<String, Object> unwrapOptionals(Map<String, Object> json) {
        Map<String, Object> plain = new LinkedHashMap<>();
        json.forEach((k, v) -> plain.put(k, plain(v)));
        return plain;
    }

    @SuppressWarnings("unchecked")
    private static Object plain(Object value) {
        if (value instanceof Optional<?> o) {
            return plain(o.orElse(null));
        }
        if (value instanceof Map<?, ?> m) {
            return unwrapOptionals((Map<String, Object>) m);
        }
        if (value instanceof List<?> l) {
            return l.stream().map(ResultPrinter::plain).toList();
        }
        return value;
    }
}
