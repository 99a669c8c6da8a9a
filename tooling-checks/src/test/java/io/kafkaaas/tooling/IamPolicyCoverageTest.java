package io.kafkaaas.tooling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The instance role allows exactly the AWS actions the helper calls. The calls are read from the adapters'
 * source (io.kafkaaas.aws): each field of an SDK client type, and each method called on it, is one action
 * (describeInstancesPaginator -> ec2:DescribeInstances).
 */
class IamPolicyCoverageTest {
    private static final Map<String, String> CLIENT_SERVICES = Map.of(
            "Ec2Client", "ec2", "AutoScalingClient", "autoscaling", "CloudFormationClient", "cloudformation");
    private static final Set<String> NOT_ACTIONS = Set.of("close", "serviceName", "serviceClientConfiguration", "waiter");

    @Test
    void theStacksRoleAllowsExactlyWhatTheHelperCalls() {
        Set<String> called = calledActions(Repo.path("java-helper/src/main/java/io/kafkaaas/aws"));
        Set<String> allowed = CloudFormationCheckTest.allowedActions(CloudFormationTemplate.parse(Repo.path(CloudFormationCheckTest.TEMPLATE)));

        assertThat(called).contains("ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces", "ec2:AttachNetworkInterface",
                "ec2:DescribeVolumes", "ec2:AttachVolume", "ec2:CreateTags",
                "autoscaling:CompleteLifecycleAction", "autoscaling:SetInstanceHealth", "cloudformation:SignalResource");
        assertThat(coverageProblems(called, allowed)).isEmpty();
    }

    @Test
    void theStandaloneIamPolicyMatchesTheStacksRoleForEc2() throws IOException {
        Path policy = Repo.path("iam/kafka-aas-helper-policy.json");
        Requirements.require(Files.exists(policy), policy + " (written with the ENI work) is not in this checkout");
        Set<String> standalone = new TreeSet<>();
        for (JsonNode statement : new ObjectMapper().readTree(policy.toFile()).path("Statement")) {
            JsonNode action = statement.path("Action");
            (action.isArray() ? action : List.of(action)).forEach(a -> standalone.add(a.asText()));
        }
        Set<String> stackEc2 = new TreeSet<>(CloudFormationCheckTest.allowedActions(
                CloudFormationTemplate.parse(Repo.path(CloudFormationCheckTest.TEMPLATE))));
        stackEc2.removeIf(a -> !a.startsWith("ec2:"));
        standalone.removeIf(a -> !a.startsWith("ec2:"));

        assertThat(standalone).as("EC2 actions of iam/kafka-aas-helper-policy.json vs the stack's role").isEqualTo(stackEc2);
    }

    @Test
    void aCallThePolicyLacksOrAGrantNobodyUsesIsReported() {
        Set<String> called = Set.of("ec2:DescribeInstances", "ec2:DetachVolume", "ec2:AttachVolume");
        Set<String> allowed = Set.of("ec2:DescribeInstances", "s3:GetObject", "ec2:AttachVolume");

        assertThat(coverageProblems(called, allowed)).containsExactlyInAnyOrder(
                "the helper calls ec2:DetachVolume but the role does not allow it",
                "the role allows s3:GetObject but the helper never calls it");
    }

    @Test
    void callsAreReadFromTheClientFieldsOfAnAdapter() throws IOException {
        Path dir = Files.createTempDirectory("adapters");
        Repo.write(dir.resolve("Sample.java"), String.join("\n",
                "final class Sample {",
                "    private final Ec2Client ec2;",
                "    private final AutoScalingClient client;",
                "    void run() {",
                "        ec2.describeVolumesPaginator(r -> r.filters(f)).volumes();",
                "        ec2.detachVolume(r -> r.volumeId(id));",
                "        client.setInstanceHealth(r -> r.instanceId(i));",
                "        other.deleteEverything();",
                "        client.close();",
                "    }",
                "}"));

        assertThat(calledActions(dir)).containsExactly("autoscaling:SetInstanceHealth", "ec2:DescribeVolumes", "ec2:DetachVolume");
    }

    static List<String> coverageProblems(Set<String> called, Set<String> allowed) {
        List<String> problems = new ArrayList<>();
        for (String action : new TreeSet<>(called)) {
            if (!allowed.contains(action)) {
                problems.add("the helper calls " + action + " but the role does not allow it");
            }
        }
        for (String action : new TreeSet<>(allowed)) {
            if (!called.contains(action)) {
                problems.add("the role allows " + action + " but the helper never calls it");
            }
        }
        return problems;
    }

    static Set<String> calledActions(Path adapterDir) {
        Set<String> actions = new TreeSet<>();
        Pattern field = Pattern.compile("\\b(Ec2Client|AutoScalingClient|CloudFormationClient)\\s+(\\w+)\\s*[;,)=]");
        try (Stream<Path> sources = Files.list(adapterDir)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Repo.read(source);
                Matcher fields = field.matcher(code);
                while (fields.find()) {
                    String service = CLIENT_SERVICES.get(fields.group(1));
                    Matcher calls = Pattern.compile("\\b" + Pattern.quote(fields.group(2)) + "\\.(\\w+)\\(").matcher(code);
                    while (calls.find()) {
                        String method = calls.group(1).replaceFirst("Paginator$", "");
                        if (!NOT_ACTIONS.contains(method)) {
                            actions.add(service + ":" + Character.toUpperCase(method.charAt(0)) + method.substring(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return actions;
    }
}
