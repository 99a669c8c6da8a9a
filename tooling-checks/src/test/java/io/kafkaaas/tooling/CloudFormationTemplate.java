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
 */
final class CloudFormationTemplate {
    private static final List<String> FUNCTIONS = List.of("Ref", "Sub", "GetAtt", "If", "Equals", "Not", "And", "Or", "Join",
            "Select", "Split", "GetAZs", "Base64", "FindInMap", "ImportValue", "Cidr", "Condition", "Transform", "Length", "ToJsonString");

    private final Map<String, Object> template;

    private CloudFormationTemplate(Map<String, Object> template) {
        this.template = template;
    }

    @SuppressWarnings("unchecked")
    static CloudFormationTemplate parse(Path file) {
        return new CloudFormationTemplate((Map<String, Object>) new Yaml(new CfnConstructor()).load(Repo.read(file)));
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resources() {
        return (Map<String, Map<String, Object>>) template.get("Resources");
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
