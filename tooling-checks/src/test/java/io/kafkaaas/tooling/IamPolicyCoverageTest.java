package io.kafkaaas.tooling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * The instance role allows exactly the AWS actions the helper calls, through its inline policies and the managed
 * policies it attaches (only ones declared in the template: an AWS managed policy's grants cannot be read here).
 * The calls are read from the adapters' source (io.kafkaaas.aws): each field of an SDK client type, and each method
 * called on it, is one action (describeInstancesPaginator -> ec2:DescribeInstances). Grants the helper does not
 * call are allowed only with a reason: the baked CloudWatch agent's, and kms:Decrypt, which SSM and Secrets
 * Manager use on the caller's behalf.
 */
class IamPolicyCoverageTest {
    private static final Map<String, String> CLIENT_SERVICES = Map.of(
            "Ec2Client", "ec2", "AutoScalingClient", "autoscaling", "CloudFormationClient", "cloudformation",
            "SsmClient", "ssm", "SecretsManagerClient", "secretsmanager");
    /** The CloudWatch agent's needs (statements whose Sid starts with CloudWatchAgent), not the helper's. */
    static final Set<String> AGENT_ACTIONS = Set.of("cloudwatch:PutMetricData", "ec2:DescribeTags", "logs:CreateLogGroup",
            "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents", "logs:PutRetentionPolicy");
    /** Reading a SecureString or a secret decrypts with the caller's kms:Decrypt; the helper never calls KMS itself. */
    static final Set<String> IMPLIED_ACTIONS = Set.of("kms:Decrypt");
    /**
     * fetch-secrets (issue 12) reads these; its SSM and Secrets Manager adapters are written on another branch. Until
     * an adapter with such a client exists, these grants count as the secrets step's; from then on they must be called.
     */
    static final Set<String> SECRETS_STEP_ACTIONS = Set.of("ssm:GetParameter", "secretsmanager:GetSecretValue");
    @TempDir
    Path tmp;

    private static final Set<String> NOT_ACTIONS = Set.of("close", "serviceName", "serviceClientConfiguration", "waiter");

    @Test
    void theStacksRoleAllowsExactlyWhatTheHelperCalls() {
        Set<String> called = calledActions(Repo.path("java-helper/src/main/java/io/kafkaaas/aws"));
        CloudFormationTemplate stack = CloudFormationTemplate.parse(Repo.path(CloudFormationCheckTest.TEMPLATE));

        assertThat(called).contains("ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces", "ec2:AttachNetworkInterface",
                "ec2:DescribeVolumes", "ec2:AttachVolume", "ec2:CreateTags",
                "autoscaling:CompleteLifecycleAction", "autoscaling:SetInstanceHealth", "cloudformation:SignalResource");
        assertThat(CloudFormationCheckTest.actionsOfStatements(stack, "CloudWatchAgent")).isEqualTo(AGENT_ACTIONS);
        assertThat(roleProblems(stack, called)).isEmpty();
    }

    @Test
    void aWidenedOrAnAwsManagedPolicyIsReported() {
        Path dir = Repo.copy(CloudFormationCheckTest.TEMPLATE, tmp).getParent();
        Path copy = dir.resolve("kafka-aas.yaml");
        Repo.replaceOnce(copy, "            Action: ssm:GetParameter\n",
                "            Action: [ssm:GetParameter, ssm:PutParameter]\n");
        Repo.replaceOnce(copy, "      ManagedPolicyArns:\n        - !Ref BrokerSecretsPolicy\n",
                "      ManagedPolicyArns:\n        - !Ref BrokerSecretsPolicy\n"
                + "        - !Sub \"arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore\"\n");
        Set<String> called = calledActions(Repo.path("java-helper/src/main/java/io/kafkaaas/aws"));

        assertThat(roleProblems(CloudFormationTemplate.parse(copy), called))
                .contains("the role allows ssm:PutParameter but the helper never calls it")
                .anySatisfy(p -> assertThat(p).contains("AmazonSSMManagedInstanceCore").contains("cannot be checked"));
    }

    @Test
    void theStandalonePolicyConditionsEveryGrantOnTheClusterTagAndTheRegion() throws IOException {
        JsonNode policy = new ObjectMapper().readTree(Repo.path("iam/kafka-aas-helper-policy.json").toFile());

        assertThat(standaloneProblems(policy)).isEmpty();
    }

    @Test
    void anUnconditionedAttachInTheStandalonePolicyIsReported() throws IOException {
        JsonNode policy = new ObjectMapper().readTree(Repo.path("iam/kafka-aas-helper-policy.json").toFile());
        for (JsonNode statement : policy.path("Statement")) {
            if (statement.path("Action").toString().contains("ec2:AttachVolume")) {
                ((ObjectNode) statement).remove("Condition");
            }
        }

        assertThat(standaloneProblems(policy))
                .anySatisfy(p -> assertThat(p).contains("ec2:AttachNetworkInterface").contains("kafka-aas:cluster"))
                .anySatisfy(p -> assertThat(p).contains("ec2:AttachVolume").contains("aws:RequestedRegion"));
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
        stackEc2.removeIf(a -> !a.startsWith("ec2:") || AGENT_ACTIONS.contains(a));
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

    /** The stack's role against the helper's calls, with the reasons a grant may go beyond them. */
    static List<String> roleProblems(CloudFormationTemplate stack, Set<String> called) {
        List<String> problems = new ArrayList<>();
        Set<String> declared = stack.resourcesOfType("AWS::IAM::ManagedPolicy").keySet();
        stack.resourcesOfType("AWS::IAM::Role").forEach((id, role) -> {
            for (Object arn : CloudFormationTemplate.asList(CloudFormationTemplate.at(role, "Properties", "ManagedPolicyArns"))) {
                if (!declared.contains(String.valueOf(CloudFormationTemplate.at(arn, "Ref")))) {
                    problems.add(id + " attaches " + arn + ", whose actions cannot be checked against the helper's calls");
                }
            }
        });
        Set<String> allowed = new TreeSet<>(CloudFormationCheckTest.allowedActions(stack));
        allowed.removeAll(AGENT_ACTIONS);
        allowed.removeAll(IMPLIED_ACTIONS);
        boolean secretsAdapterWritten = called.stream().anyMatch(a -> a.startsWith("ssm:") || a.startsWith("secretsmanager:"));
        if (!secretsAdapterWritten) {
            allowed.removeAll(SECRETS_STEP_ACTIONS);
        }
        problems.addAll(coverageProblems(called, allowed));
        return problems;
    }

    /** iam/kafka-aas-helper-policy.json: every statement conditioned on the region, every write also on the cluster tag. */
    static List<String> standaloneProblems(JsonNode policy) {
        List<String> problems = new ArrayList<>();
        for (JsonNode statement : policy.path("Statement")) {
            JsonNode action = statement.path("Action");
            String condition = statement.path("Condition").toString();
            for (JsonNode a : action.isArray() ? action : List.of(action)) {
                if (!condition.contains("aws:RequestedRegion")) {
                    problems.add(statement.path("Sid").asText() + " grants " + a.asText() + " without an aws:RequestedRegion condition");
                }
                if (!a.asText().contains(":Describe") && !condition.contains("aws:ResourceTag/kafka-aas:cluster")) {
                    problems.add(statement.path("Sid").asText() + " grants " + a.asText()
                            + " without an aws:ResourceTag/kafka-aas:cluster condition (it would reach any instance or volume)");
                }
            }
        }
        return problems;
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
        Pattern field = Pattern.compile("\\b(" + String.join("|", CLIENT_SERVICES.keySet()) + ")\\s+(\\w+)\\s*[;,)=]");
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
