package io.kafkaaas.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
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
    public static String errorJson(int exitCode, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("changed", false);
        json.put("exitCode", exitCode);
        json.put("error", message);
        return toJson(json);
    }

    public static String toJson(Map<String, Object> json) {
        try {
            return MAPPER.writeValueAsString(unwrapOptionals(json));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> unwrapOptionals(Map<String, Object> json) {
        Map<String, Object> plain = new LinkedHashMap<>();
        json.forEach((k, v) -> plain.put(k, v instanceof Optional<?> o ? o.orElse(null) : v));
        return plain;
    }
}
