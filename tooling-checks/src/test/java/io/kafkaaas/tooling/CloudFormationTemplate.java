package io.kafkaaas.tooling;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CloudFormation template read with SnakeYAML: the short-form tags (!Ref, !Sub, !GetAtt, ...) become their
 * long form ({"Ref": x}, {"Fn::Sub": x}), as CloudFormation itself reads them.
 *
 * <p>{@link #withParameters} expands the AWS::LanguageExtensions loops ({@code Fn::ForEach::Name} in Resources,
 * Outputs and Conditions) for given parameter values, as the transform does before CloudFormation sees the
 * template: the collection is a list, a Ref to a list parameter or an Fn::FindInMap; in the fragment every
 * {@code ${Identifier}} and {@code &{Identifier}} in keys and strings, and every {@code {"Ref": Identifier}},
 * becomes the item. {@link #resolve} evaluates the Ref and Fn::FindInMap that parameters decide.
 */
final class CloudFormationTemplate {
    private static final String FOR_EACH = "Fn::ForEach::";

    private static final List<String> FUNCTIONS = List.of("Ref", "Sub", "GetAtt", "If", "Equals", "Not", "And", "Or", "Join",
            "Select", "Split", "GetAZs", "Base64", "FindInMap", "ImportValue", "Cidr", "Condition", "Transform", "Length", "ToJsonString");

    private final Map<String, Object> template;

    /** As written, loops and all: withParameters always expands from here. */
    private final Map<String, Object> raw;
    private final Map<String, String> parameters;

    private CloudFormationTemplate(Map<String, Object> raw, Map<String, Object> template, Map<String, String> parameters) {
        this.raw = raw;
        this.template = template;
        this.parameters = parameters;
    }

    @SuppressWarnings("unchecked")
    static CloudFormationTemplate parse(Path file) {
        Map<String, Object> raw = (Map<String, Object>) new Yaml(new CfnConstructor()).load(Repo.read(file));
        return new CloudFormationTemplate(raw, raw, Map.of()).withParameters(Map.of());
    }

    /** The template as the transform would hand it on for these parameter values (defaults for the others). */
    CloudFormationTemplate withParameters(Map<String, String> values) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        Object declared = raw.get("Parameters");
        if (declared instanceof Map<?, ?> params) {
            params.forEach((name, spec) -> {
                Object fallback = at(spec, "Default");
                if (!merged.containsKey(String.valueOf(name)) && fallback != null) {
                    merged.put(String.valueOf(name), String.valueOf(fallback));
                }
            });
        }
        CloudFormationTemplate withValues = new CloudFormationTemplate(raw, raw, merged);
        Map<String, Object> expanded = new LinkedHashMap<>(raw);
        for (String section : List.of("Resources", "Outputs", "Conditions")) {
            if (raw.get(section) instanceof Map<?, ?> entries) {
                expanded.put(section, withValues.expandLoops(entries, Map.of()));
            }
        }
        return new CloudFormationTemplate(raw, expanded, merged);
    }

    /** The value of a parameter as given to withParameters, or its default. */
    String parameter(String name) {
        return parameters.get(name);
    }

    /** A Ref to a parameter, an Fn::FindInMap over resolvable keys, or a literal; anything else as it is. */
    Object resolve(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Object ref = map.get("Ref");
            if (ref instanceof String name && parameters.containsKey(name)) {
                String text = parameters.get(name);
                boolean list = String.valueOf(at(template, "Parameters", name, "Type")).contains("List");
                return list ? (text.isEmpty() ? List.of() : List.of(text.split("\\s*,\\s*"))) : text;
            }
            if (map.get("Fn::FindInMap") instanceof List<?> args && args.size() == 3) {
                Object found = at(template, "Mappings", resolve(args.get(0)), resolve(args.get(1)), resolve(args.get(2)));
                return found == null ? value : found;
            }
        }
        return value;
    }

    /** The items a Fn::ForEach collection stands for. */
    private List<String> collection(Object value) {
        Object resolved = resolve(value);
        if (!(resolved instanceof List<?> items)) {
            throw new AssertionError("Fn::ForEach collection " + value + " cannot be resolved with " + parameters);
        }
        return items.stream().map(String::valueOf).toList();
    }

    private Map<String, Object> expandLoops(Map<?, ?> entries, Map<String, String> bound) {
        Map<String, Object> expanded = new LinkedHashMap<>();
        entries.forEach((k, v) -> {
            String key = substitute(String.valueOf(k), bound);
            if (key.startsWith(FOR_EACH) && v instanceof List<?> loop && loop.size() == 3) {
                String identifier = String.valueOf(loop.get(0));
                for (String item : collection(bind(loop.get(1), bound))) {
                    Map<String, String> inner = new LinkedHashMap<>(bound);
                    inner.put(identifier, item);
                    expanded.putAll(expandLoops((Map<?, ?>) loop.get(2), inner));
                }
            } else {
                expanded.put(key, bind(v, bound));
            }
        });
        return expanded;
    }

    /** Replaces the loop identifiers in a fragment: ${X} and &{X} in strings, {"Ref": X} by the item. */
    private Object bind(Object value, Map<String, String> bound) {
        if (bound.isEmpty()) {
            return value;
        }
        if (value instanceof String text) {
            return substitute(text, bound);
        }
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Ref") instanceof String ref && bound.containsKey(ref)) {
                return bound.get(ref);
            }
            return expandLoops(map, bound);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(bind(item, bound)));
            return copy;
        }
        return value;
    }

    private static String substitute(String text, Map<String, String> bound) {
        String result = text;
        for (Map.Entry<String, String> e : bound.entrySet()) {
            result = result.replace("${" + e.getKey() + "}", e.getValue())
                    .replace("&{" + e.getKey() + "}", e.getValue().replaceAll("[^A-Za-z0-9]", ""));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resources() {
        return (Map<String, Map<String, Object>>) template.get("Resources");
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> outputs() {
        return (Map<String, Map<String, Object>>) template.getOrDefault("Outputs", Map.of());
    }

    /** A top-level section other than Resources and Outputs (Mappings, Parameters, Conditions), as written. */
    Object section(String name) {
        return template.get(name);
    }

    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, r) -> {
            if (type.equals(r.get("Type"))) {
                found.put(id, r);
            }
        });
        return found;
    }

    /** A nested value by keys and list indexes, or null. */
    @SuppressWarnings("unchecked")
    static Object at(Object root, Object... path) {
        Object current = root;
        for (Object key : path) {
            if (current instanceof Map<?, ?> map) {
                current = ((Map<String, Object>) map).get(String.valueOf(key));
            } else if (current instanceof List<?> list && key instanceof Integer i && i < list.size()) {
                current = list.get(i);
            } else {
                return null;
            }
        }
        return current;
    }

    /** The Key -> Value of a CloudFormation Tags list. */
    static Map<String, Object> tags(Map<String, Object> resource) {
        Map<String, Object> tags = new LinkedHashMap<>();
        Object list = at(resource, "Properties", "Tags");
        if (list instanceof List<?> entries) {
            for (Object entry : entries) {
                tags.put(String.valueOf(at(entry, "Key")), at(entry, "Value"));
            }
        }
        return tags;
    }

    static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    }

    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor() {
            super(new LoaderOptions());
            for (String function : FUNCTIONS) {
                String longForm = function.equals("Ref") || function.equals("Condition") ? function : "Fn::" + function;
                yamlConstructors.put(new Tag("!" + function), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object value;
                        if (node instanceof ScalarNode scalar) {
                            value = constructScalar(scalar);
                            if (function.equals("GetAtt")) {
                                value = List.of(((String) value).split("\\.", 2));
                            }
                        } else if (node instanceof SequenceNode sequence) {
                            value = new ArrayList<>(constructSequence(sequence));
                        } else {
                            value = constructMapping((MappingNode) node);
                        }
                        return Map.of(longForm, value);
                    }
                });
            }
        }
    }
}
