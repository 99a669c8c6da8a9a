package io.kafkaaas.localcloud;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The form-encoded parameters of one EC2 Query API call, with EC2's numbered lists (Filter.1.Value.2). */
final class QueryParams {
    private final Map<String, String> params;

    private QueryParams(Map<String, String> params) {
        this.params = params;
    }

    static QueryParams parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        if (form != null && !form.isEmpty()) {
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(key, value);
            }
        }
        return new QueryParams(params);
    }

    String get(String name) {
        return params.get(name);
    }

    String required(String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw new Ec2Error("MissingParameter", "The request must contain the parameter " + name);
        }
        return value;
    }

    int intValue(String name, int defaultValue) {
        String value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Ec2Error("InvalidParameterValue", "Value (" + value + ") for parameter " + name + " is invalid");
        }
    }

    /** Prefix.1, Prefix.2, ... in numeric order. */
    List<String> list(String prefix) {
        TreeMap<Integer, String> items = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(prefix + ".")) {
                String rest = key.substring(prefix.length() + 1);
                if (rest.matches("[0-9]+")) {
                    items.put(Integer.parseInt(rest), e.getValue());
                }
            }
        }
        return new ArrayList<>(items.values());
    }

    /** Filter.N.Name and Filter.N.Value.M, as name to values. */
    Map<String, List<String>> filters() {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        TreeMap<Integer, String> names = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String[] parts = e.getKey().split("\\.");
            if (parts.length == 3 && parts[0].equals("Filter") && parts[2].equals("Name") && parts[1].matches("[0-9]+")) {
                names.put(Integer.parseInt(parts[1]), e.getValue());
            }
        }
        names.forEach((n, name) -> filters.computeIfAbsent(name, k -> new ArrayList<>()).addAll(list("Filter." + n + ".Value")));
        return filters;
    }

    /** Tag.N.Key / Tag.N.Value, or TagSpecification.N.Tag.M.Key for one resource type. */
    Map<String, String> tags(String prefix) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int n = 1; n <= 50; n++) {
            String key = params.get(prefix + n + ".Key");
            if (key != null) {
                tags.put(key, params.getOrDefault(prefix + n + ".Value", ""));
            }
        }
        return tags;
    }

    /** The tags of the first TagSpecification whose ResourceType is the given one. */
    Map<String, String> tagSpecification(String resourceType) {
        for (int n = 1; n <= 10; n++) {
            if (resourceType.equals(params.get("TagSpecification." + n + ".ResourceType"))) {
                return tags("TagSpecification." + n + ".Tag.");
            }
        }
        return Map.of();
    }
}
