package io.kafkaaas.cli;

import io.kafkaaas.json.Json;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prints results and errors: one JSON object per run in json mode, plain lines in text mode. */
public final class ResultPrinter {
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

    /** Optionals print as their value or null, at any depth: results nest the steps' own results. */
    public static String toJson(Map<String, Object> json) {
        return Json.write(json);
    }
}
