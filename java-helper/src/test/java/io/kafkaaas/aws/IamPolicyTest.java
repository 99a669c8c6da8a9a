package io.kafkaaas.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaaas.instance.WaitingInstances;
import io.kafkaaas.volume.Volume;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IAM policy we ship (iam/kafka-aas-helper-policy.json, also printed in docs/iam.md) must allow exactly the EC2
 * actions the helper calls. The called set is read from the compiled classes (every Ec2Client method invoked
 * anywhere in the helper), so adding an EC2 call without updating the policy, or the other way round, fails here.
 */
class IamPolicyTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern EC2_CALL = Pattern.compile("Method software/amazon/awssdk/services/ec2/Ec2Client\\.(\\w+):");
    private static final Set<String> NOT_API_CALLS = Set.of("close", "serviceName", "serviceClientConfiguration", "builder",
            "create", "waiter", "utilities");

    private static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        return Files.exists(dir.resolve("iam")) ? dir : dir.getParent();
    }

    private static JsonNode policy() throws IOException {
        return MAPPER.readTree(repo().resolve("iam/kafka-aas-helper-policy.json").toFile());
    }

    static Set<String> ec2OperationsCalledByTheHelper() throws IOException, URISyntaxException {
        Path classes = Path.of(Ec2Volumes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> args = new ArrayList<>(List.of("-c", "-p"));
        try (Stream<Path> files = Files.walk(classes.resolve("io/kafkaaas"))) {
            files.filter(f -> f.toString().endsWith(".class")).map(Path::toString).sorted().forEach(args::add);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = ToolProvider.findFirst("javap").orElseThrow().run(new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err, args.toArray(String[]::new));
        assertThat(rc).isZero();
        Set<String> operations = new TreeSet<>();
        Matcher m = EC2_CALL.matcher(out.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            String method = m.group(1);
            if (!NOT_API_CALLS.contains(method)) {
                String op = method.endsWith("Paginator") ? method.substring(0, method.length() - "Paginator".length()) : method;
                operations.add(op.substring(0, 1).toUpperCase(Locale.ROOT) + op.substring(1));
            }
        }
        return operations;
    }

    private static Set<String> allowedActions(JsonNode policy) {
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : policy.get("Statement")) {
            JsonNode action = statement.get("Action");
            (action.isArray() ? action : MAPPER.createArrayNode().add(action))
                    .forEach(a -> actions.add(a.asText().replaceFirst("^ec2:", "")));
        }
        return actions;
    }

    @Test
    void thePolicyAllowsExactlyTheEc2ActionsTheHelperCalls() throws Exception {
        Set<String> called = ec2OperationsCalledByTheHelper();

        assertThat(called).contains("AttachNetworkInterface", "AttachVolume", "CreateTags");
        assertThat(allowedActions(policy())).isEqualTo(called);
    }

    @Test
    void everyGrantIsLimitedToTheRegionAndEveryAttachAndTagToTheClustersResources() throws IOException {
        for (JsonNode statement : policy().get("Statement")) {
            String sid = statement.get("Sid").asText();
            String resource = statement.get("Resource").toString();
            assertThat(statement.at("/Condition/StringEquals/aws:RequestedRegion").asText()).as(sid)
                    .isEqualTo("${aws:PrincipalTag/kafka-aas:region}");
            if (!statement.get("Action").toString().contains(":Describe")) {
                // The ENI or volume and the instance: attach can reach no resource of another cluster.
                assertThat(statement.at("/Condition/StringEquals/aws:ResourceTag~1kafka-aas:cluster").asText()).as(sid)
                        .isEqualTo("${aws:PrincipalTag/kafka-aas:cluster}");
            }
            if (statement.toString().contains("ec2:CreateTags") && resource.contains(":volume/")) {
                assertThat(statement.at("/Condition/ForAllValues:StringEquals/aws:TagKeys")).extracting(JsonNode::asText)
                        .containsExactly(Volume.FORMATTED_TAG, Volume.FS_UUID_TAG);
            }
            // An instance may tag only this cluster's instances, and only as a standby waiting for an id.
            if (statement.toString().contains("ec2:CreateTags") && resource.contains(":instance/")) {
                assertThat(statement.at("/Condition/StringEquals/aws:ResourceTag~1kafka-aas:cluster").asText())
                        .isEqualTo("${aws:PrincipalTag/kafka-aas:cluster}");
                assertThat(statement.at("/Condition/ForAllValues:StringEquals/aws:TagKeys")).extracting(JsonNode::asText)
                        .containsExactly(WaitingInstances.WAITING_TAG);
            }
            if (statement.toString().contains("ec2:CreateTags")) {
                assertThat(resource).as(statement.get("Sid").asText()).containsAnyOf(":volume/", ":instance/");
            }
        }
    }

    @Test
    void theIamPageShowsTheSamePolicy() throws IOException {
        String page = Files.readString(repo().resolve("docs/iam.md"));
        int start = page.indexOf("```json");
        int end = page.indexOf("```", start + 7);
        assertThat(start).isNotNegative();

        assertThat(MAPPER.readTree(page.substring(start + 7, end))).isEqualTo(policy());
    }
}
