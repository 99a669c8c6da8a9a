package io.kafkaaas.tooling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kafkaaas.tooling.CloudFormationTemplate.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack's user data, rendered as CloudFormation would for sample parameters (Fn::Sub over Fn::If, the ENIs' IPs
 * stood in): /etc/kafka-aas/boot.json is valid JSON in both Kafka modes, and every key in it is an attribute the
 * cookbook declares (attributes/default.rb), so no setting is silently dropped on its way to the helper.
 */
class BootJsonCheckTest {
    private static final Map<String, String> PARAMETERS = Map.of("ClusterName", "prod", "ZooKeeperConnect", "zk1:2181,zk2:2181/kafka",
            "KafkaClusterId", "MkU3OEVBNTcwNTJENDM2Qk", "HostedZoneName", "example.internal",
            "BrokerProperties", "{\"num.partitions\": \"6\", \"min.insync.replicas\": \"2\"}");

    @TempDir
    Path tmp;

    @Test
    void zooKeeperModePassesZooKeeperAndNoVoters() throws IOException {
        JsonNode boot = bootJson(CloudFormationTemplate.parse(Repo.path(CloudFormationCheckTest.TEMPLATE)), Set.of());

        JsonNode attributes = boot.path("kafka_aas");
        assertThat(attributes.path("kafka_mode").asText()).isEqualTo("zookeeper");
        assertThat(attributes.path("zookeeper").asText()).isEqualTo("zk1:2181,zk2:2181/kafka");
        assertThat(attributes.path("kraft").path("controller_voters").isNull()).isTrue();
        assertThat(attributes.path("broker_count").asInt()).isEqualTo(3);
        assertThat(attributes.path("broker").path("properties").path("num.partitions").asText()).isEqualTo("6");
        assertThat(attributes.path("broker").path("advertised_host_template").isNull()).isTrue();
        assertThat(attributeProblems(boot, Repo.read(Repo.path("cookbooks/kafka_aas/attributes/default.rb")))).isEmpty();
    }

    @Test
    void kraftModePassesTheVotersFromTheEnisAndNoZooKeeper() throws IOException {
        JsonNode boot = bootJson(CloudFormationTemplate.parse(Repo.path(CloudFormationCheckTest.TEMPLATE))
                .withParameters(Map.of("KafkaMode", "kraft", "BrokerCount", "5")), Set.of("IsKraft", "HasZone"));

        JsonNode attributes = boot.path("kafka_aas");
        assertThat(attributes.path("zookeeper").isNull()).isTrue();
        assertThat(attributes.path("kraft").path("controller_voters").asText())
                .isEqualTo("0@10.0.0.10:9093,1@10.0.1.10:9093,2@10.0.2.10:9093");
        assertThat(attributes.path("kraft").path("cluster_id").asText()).isEqualTo("MkU3OEVBNTcwNTJENDM2Qk");
        assertThat(attributes.path("broker_count").asInt()).isEqualTo(5);
        assertThat(attributes.path("broker").path("advertised_host_template").asText()).isEqualTo("b{id}.prod.example.internal");
        assertThat(attributeProblems(boot, Repo.read(Repo.path("cookbooks/kafka_aas/attributes/default.rb")))).isEmpty();
    }

    @Test
    void aKeyTheCookbookDoesNotKnowIsReported() throws IOException {
        Path copy = Repo.copy(CloudFormationCheckTest.TEMPLATE, tmp);
        Repo.replaceOnce(copy, "\"heap_size\": \"${HeapSize}\"", "\"heap\": \"${HeapSize}\"");

        JsonNode boot = bootJson(CloudFormationTemplate.parse(copy), Set.of());

        assertThat(attributeProblems(boot, Repo.read(Repo.path("cookbooks/kafka_aas/attributes/default.rb"))))
                .containsExactly("boot.json sets ['kafka_aas']['broker']['heap'], which attributes/default.rb does not declare");
    }

    /** boot.json as the instance would get it, the named conditions true and the others false. */
    @SuppressWarnings("unchecked")
    static JsonNode bootJson(CloudFormationTemplate stack, Set<String> trueConditions) throws IOException {
        Object sub = at(stack.resources().get("BrokerLaunchTemplate"), "Properties", "LaunchTemplateData", "UserData", "Fn::Base64", "Fn::Sub");
        List<Object> args = (List<Object>) sub;
        Map<String, String> values = new HashMap<>();
        ((Map<String, Object>) args.get(1)).forEach((name, value) -> values.put(name, evaluate(stack, value, trueConditions, Map.of())));
        String cloudConfig = substitute(stack, (String) args.get(0), values);
        Object file = at(new Yaml().load(cloudConfig), "write_files", 0);
        assertThat(at(file, "path")).isEqualTo("/etc/kafka-aas/boot.json");
        return new ObjectMapper().readTree(String.valueOf(at(file, "content")));
    }

    private static String evaluate(CloudFormationTemplate stack, Object value, Set<String> trueConditions, Map<String, String> values) {
        if (value instanceof String text) {
            return text;
        }
        if (at(value, "Fn::If") instanceof List<?> branches) {
            return evaluate(stack, branches.get(trueConditions.contains(String.valueOf(branches.get(0))) ? 1 : 2), trueConditions, values);
        }
        if (at(value, "Fn::Sub") instanceof String text) {
            return substitute(stack, text, values);
        }
        throw new AssertionError("cannot evaluate " + value);
    }

    /** ${Name}: a Sub variable, a parameter (given or default), the region, or an ENI's IP (broker i: 10.0.i.10). */
    private static String substitute(CloudFormationTemplate stack, String text, Map<String, String> values) {
        Matcher reference = Pattern.compile("\\$\\{([^}!]+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(1);
            Matcher eni = Pattern.compile("Eni(\\d+)\\.PrimaryPrivateIpAddress").matcher(name);
            String value = values.containsKey(name) ? values.get(name)
                    : PARAMETERS.containsKey(name) ? PARAMETERS.get(name)
                    : stack.parameter(name) != null ? stack.parameter(name)
                    : name.equals("AWS::Region") ? "eu-west-1"
                    : eni.matches() ? "10.0." + eni.group(1) + ".10"
                    : null;
            if (value == null) {
                throw new AssertionError("user data refers to ${" + name + "}, which has no value here");
            }
            reference.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        reference.appendTail(out);
        return out.toString();
    }

    /** Each key of boot.json must be a declared attribute, or a map under which declared attributes live. */
    static List<String> attributeProblems(JsonNode boot, String attributesRb) {
        List<String> problems = new ArrayList<>();
        collect(boot, "", attributesRb, problems);
        return problems;
    }

    private static void collect(JsonNode node, String path, String attributesRb, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = path + "['" + field.getKey() + "']";
            boolean declared = attributesRb.contains("default" + key + " =");
            if (!declared && field.getValue().isObject() && attributesRb.contains("default" + key + "[")) {
                collect(field.getValue(), key, attributesRb, problems);
            } else if (!declared) {
                problems.add("boot.json sets " + key + ", which attributes/default.rb does not declare");
            }
        }
    }
}
