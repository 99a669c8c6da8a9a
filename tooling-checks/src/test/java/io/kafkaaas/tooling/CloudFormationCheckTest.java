package io.kafkaaas.tooling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.error.YAMLException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.kafkaaas.tooling.CloudFormationTemplate.asList;
import static io.kafkaaas.tooling.CloudFormationTemplate.at;
import static io.kafkaaas.tooling.CloudFormationTemplate.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stack's rules, read from cloudformation/kafka-aas.yaml with its Fn::ForEach loops expanded for a broker
 * count; each rule also fails on a deliberately broken copy.
 */
class CloudFormationCheckTest {
    static final String TEMPLATE = "cloudformation/kafka-aas.yaml";
    /** CloudFormation has no arithmetic: broker i's subnet and AZ (i mod 3) come from the Slots mapping. */
    static final int ZONES = 3;
    static final String ATTRIBUTES = "cookbooks/kafka_aas/attributes/default.rb";
    static final String BOOT_SCRIPT = "cookbooks/kafka_aas/files/kafka-aas-boot.sh";

    @TempDir
    Path tmp;

    @Test
    void theTemplateKeepsEveryRule() {
        assertThat(problems(CloudFormationTemplate.parse(Repo.path(TEMPLATE)))).isEmpty();
    }

    @ParameterizedTest(name = "{0} brokers")
    @ValueSource(ints = {3, 5, 9})
    void enisVolumesIpsAndSignalsFollowTheBrokerCount(int brokers) {
        CloudFormationTemplate stack = CloudFormationTemplate.parse(Repo.path(TEMPLATE))
                .withParameters(Map.of("BrokerCount", String.valueOf(brokers)));

        assertThat(problems(stack)).isEmpty();
        List<String> ids = IntStream.range(0, brokers).mapToObj(String::valueOf).toList();
        assertThat(stack.resourcesOfType("AWS::EC2::NetworkInterface")).containsOnlyKeys(ids.stream().map(i -> "Eni" + i).toList());
        assertThat(stack.resourcesOfType("AWS::EC2::Volume")).containsOnlyKeys(ids.stream().map(i -> "Volume" + i).toList());
        assertThat(stack.resourcesOfType("AWS::Route53::RecordSet")).hasSize(brokers);
        assertThat(stack.outputs().keySet().stream().filter(k -> k.matches("Broker\\d+Ip")))
                .containsExactlyElementsOf(ids.stream().map(i -> "Broker" + i + "Ip").toList());
        for (String id : ids) {
            int zone = Integer.parseInt(id) % ZONES;
            Object eni = stack.resources().get("Eni" + id);
            assertThat(stack.resolve(at(eni, "Properties", "SubnetId", "Fn::Select", 0))).as("subnet index of broker " + id)
                    .isEqualTo(zone);
            assertThat(stack.resolve(at(stack.resources().get("Volume" + id), "Properties", "AvailabilityZone", "Fn::Select", 0)))
                    .as("AZ index of broker " + id).isEqualTo(zone);
            assertThat(at(eni, "Properties", "PrivateIpAddress", "Fn::If", 1, "Fn::Select", 0)).as("BrokerIps index").isEqualTo(id);
            assertThat(String.valueOf(at(eni, "Properties", "PrivateIpAddress", "Fn::If", 1))).contains("BrokerIps");
        }
        Map<String, Object> group = stack.resourcesOfType("AWS::AutoScaling::AutoScalingGroup").get("BrokerGroup");
        assertThat(stack.resolve(at(group, "CreationPolicy", "ResourceSignal", "Count"))).isEqualTo(String.valueOf(brokers));
        for (String size : List.of("MinSize", "MaxSize", "DesiredCapacity")) {
            assertThat(stack.resolve(at(group, "Properties", size))).as(size).isEqualTo(String.valueOf(brokers));
        }
        assertThat(stack.resolve(at(group, "UpdatePolicy", "AutoScalingRollingUpdate", "MinInstancesInService"))).isEqualTo(brokers - 1);
        assertThat(at(group, "UpdatePolicy", "AutoScalingRollingUpdate", "MaxBatchSize")).isEqualTo(1);
        // Terminate and launch: one broker at a time may go, and the group never launches a replacement above its size.
        assertThat(stack.resolve(at(group, "Properties", "InstanceMaintenancePolicy", "MinHealthyPercentage")))
                .isEqualTo(100 * (brokers - 1) / brokers);
        assertThat(at(group, "Properties", "InstanceMaintenancePolicy", "MaxHealthyPercentage")).isEqualTo(100);
    }

    @Test
    void everyAllowedBrokerCountHasItsMappingRow() {
        CloudFormationTemplate stack = CloudFormationTemplate.parse(Repo.path(TEMPLATE));
        int min = Integer.parseInt(String.valueOf(at(stack.section("Parameters"), "BrokerCount", "MinValue")));
        int max = Integer.parseInt(String.valueOf(at(stack.section("Parameters"), "BrokerCount", "MaxValue")));

        assertThat(mappingProblems(stack)).isEmpty();
        // BrokerIps is padded with empty items so that broker max-1's Fn::Select stays inside the list.
        java.util.regex.Matcher padding = java.util.regex.Pattern.compile("!Ref BrokerIps], \"(,+)\"]]]]")
                .matcher(Repo.read(Repo.path(TEMPLATE)));
        assertThat(padding.find()).as("the BrokerIps padding").isTrue();
        assertThat(padding.group(1).length()).as("commas of the BrokerIps padding").isGreaterThanOrEqualTo(max - 1);
        for (int n = min; n <= max; n++) {
            assertThat(problems(stack.withParameters(Map.of("BrokerCount", String.valueOf(n))))).as(n + " brokers").isEmpty();
        }
    }

    @Test
    void aYamlErrorFails() {
        Path copy = Repo.copy(TEMPLATE, tmp);
        Repo.replaceOnce(copy, "  ClusterName:\n    Type: String\n", "  ClusterName:\n    Type: [String\n");

        assertThatThrownBy(() -> CloudFormationTemplate.parse(copy)).isInstanceOf(YAMLException.class);
    }

    @Test
    void eachBrokenRuleIsReported() {
        Path copy = Repo.copy(TEMPLATE, tmp);
        Repo.replaceOnce(copy, "HttpTokens: required", "HttpTokens: optional");
        Repo.replaceOnce(copy, "          Encrypted: true\n          KmsKeyId", "          Encrypted: false\n          KmsKeyId");
        Repo.replaceOnce(copy, "        Count: !Ref BrokerCount\n", "        Count: 3\n");
        Repo.replaceOnce(copy, "        MinInstancesInService: !FindInMap [BrokerCounts, !Ref BrokerCount, MinInService]",
                "        MinInstancesInService: !Ref BrokerCount");
        Repo.replaceOnce(copy, "      Ids: [\"0\", \"1\", \"2\", \"3\", \"4\"]\n", "      Ids: [\"0\", \"1\", \"2\", \"3\"]\n");
        Repo.replaceOnce(copy, "        MaxHealthyPercentage: 100\n", "        MaxHealthyPercentage: 110\n");
        Repo.replaceOnce(copy, "          HeartbeatTimeout: 2400\n", "          HeartbeatTimeout: 1800\n");
        Repo.replaceOnce(copy, "        PauseTime: PT45M\n", "        PauseTime: PT20M\n");
        Repo.replaceOnce(copy, "      EvaluationPeriods: 45\n", "      EvaluationPeriods: 20\n");
        Repo.replaceOnce(copy, "    \"7\":\n      Zone: 1\n", "    \"7\":\n      Zone: 0\n");
        Repo.replaceOnce(copy, "            - Key: Name\n              Value: !Sub \"${TagPrefix}${BrokerId}\"\n            - Key: kafka-aas:cluster\n"
                + "              Value: !Ref ClusterName\n            - Key: kafka-aas:broker-id\n              Value: !Ref BrokerId\n"
                + "      Volume${BrokerId}:",
                "            - Key: Name\n              Value: !Sub \"${TagPrefix}x${BrokerId}\"\n            - Key: kafka-aas:cluster\n"
                + "              Value: !Ref ClusterName\n            - Key: kafka-aas:broker-id\n              Value: !Ref BrokerId\n"
                + "      Volume${BrokerId}:");
        Repo.replaceOnce(copy, "                Action: cloudformation:SignalResource\n                Resource: !Ref \"AWS::StackId\"",
                "                Action: cloudformation:SignalResource\n                Resource: \"*\"\n"
                + "              - Effect: Allow\n                Action: [\"s3:*\", \"dynamodb:*\"]\n                Resource: \"*\"");
        Repo.replaceOnce(copy, "                Condition:\n                  StringEquals:\n                    aws:ResourceTag/kafka-aas:cluster: !Ref ClusterName\n"
                + "              - Sid: MarkThisClustersVolumesFormatted",
                "              - Sid: MarkThisClustersVolumesFormatted");

        List<String> problems = problems(CloudFormationTemplate.parse(copy).withParameters(Map.of("BrokerCount", "5")));

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("HttpTokens"))
                .anySatisfy(p -> assertThat(p).contains("Volume1 is not encrypted"))
                .anySatisfy(p -> assertThat(p).contains("ResourceSignal Count 3 must equal the broker count 5"))
                .anySatisfy(p -> assertThat(p).contains("MinInstancesInService 5 must be 4"))
                .anySatisfy(p -> assertThat(p).contains("BrokerCounts row 5"))
                .anySatisfy(p -> assertThat(p).contains("InstanceMaintenancePolicy 80-110 % must be 80-100 %"))
                .anySatisfy(p -> assertThat(p).contains("Slots row 7"))
                .anySatisfy(p -> assertThat(p).contains("launch hook HeartbeatTimeout 1800 s is shorter than a boot may take")
                        .contains("= 2100 s"))
                .anySatisfy(p -> assertThat(p).contains("rolling update PauseTime PT20M is shorter than the launch hook's HeartbeatTimeout"))
                .anySatisfy(p -> assertThat(p).contains("FailedBootsAlarm fires after 1200 s, before the launch hook's HeartbeatTimeout"))
                .anySatisfy(p -> assertThat(p).contains("Eni2").contains("Name tag"))
                .anySatisfy(p -> assertThat(p).contains("cloudformation:SignalResource").contains("\"*\""))
                .anySatisfy(p -> assertThat(p).contains("s3:*"))
                .anySatisfy(p -> assertThat(p).contains("ec2:AttachVolume").contains("aws:ResourceTag"));
    }

    @Test
    void anAwsManagedPolicyOrAWidenedSecretsGrantIsReported() {
        Path copy = Repo.copy(TEMPLATE, tmp);
        Repo.replaceOnce(copy, "      ManagedPolicyArns:\n        - !Ref BrokerSecretsPolicy\n",
                "      ManagedPolicyArns:\n        - !Ref BrokerSecretsPolicy\n"
                + "        - !Sub \"arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore\"\n");
        Repo.replaceOnce(copy, "parameter/kafka-aas/${ClusterName}/*\"", "parameter/*\"");
        Repo.replaceOnce(copy, "              Resource: !Ref SecretsKmsKeyArn\n", "              Resource: \"*\"\n");

        List<String> problems = problems(CloudFormationTemplate.parse(copy));

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("AmazonSSMManagedInstanceCore"))
                .anySatisfy(p -> assertThat(p).contains("ssm:GetParameter").contains("kafka-aas/${ClusterName}/"))
                .anySatisfy(p -> assertThat(p).contains("kms:Decrypt").contains("\"*\""));
    }

    /** Every rule the issues set for the stack; an empty list means the template keeps all of them. */
    static List<String> problems(CloudFormationTemplate template) {
        List<String> problems = new ArrayList<>(mappingProblems(template));
        Map<String, Map<String, Object>> enis = template.resourcesOfType("AWS::EC2::NetworkInterface");
        Map<String, Map<String, Object>> volumes = template.resourcesOfType("AWS::EC2::Volume");
        Set<String> eniNames = brokerNames("ENI", enis, problems);
        Set<String> volumeNames = brokerNames("volume", volumes, problems);
        volumes.forEach((id, volume) -> {
            if (!Boolean.TRUE.equals(at(volume, "Properties", "Encrypted"))) {
                problems.add(id + " is not encrypted");
            }
            if (!"gp3".equals(at(volume, "Properties", "VolumeType"))) {
                problems.add(id + " is not gp3");
            }
        });
        for (Map<String, Map<String, Object>> identity : List.of(enis, volumes)) {
            identity.forEach((id, resource) -> {
                if (!"Retain".equals(resource.get("DeletionPolicy")) || !"Retain".equals(resource.get("UpdateReplacePolicy"))) {
                    problems.add(id + " would be deleted with the stack or on replacement (DeletionPolicy and UpdateReplacePolicy must be Retain)");
                }
            });
        }
        if (!eniNames.equals(volumeNames)) {
            problems.add("ENIs " + eniNames + " and volumes " + volumeNames + " are not paired");
        }

        Map<String, Map<String, Object>> templates = template.resourcesOfType("AWS::EC2::LaunchTemplate");
        if (templates.size() != 1) {
            problems.add("expected one launch template, found " + templates.keySet());
        }
        templates.forEach((id, lt) -> {
            Object data = at(lt, "Properties", "LaunchTemplateData");
            if (!"required".equals(at(data, "MetadataOptions", "HttpTokens"))) {
                problems.add(id + " does not require IMDSv2 (MetadataOptions.HttpTokens must be required)");
            }
            if (!Integer.valueOf(1).equals(at(data, "MetadataOptions", "HttpPutResponseHopLimit"))) {
                problems.add(id + " lets metadata travel more than one hop");
            }
            for (Object mapping : asList(at(data, "BlockDeviceMappings"))) {
                if (!Boolean.TRUE.equals(at(mapping, "Ebs", "Encrypted"))) {
                    problems.add(id + " has an unencrypted block device " + at(mapping, "DeviceName"));
                }
            }
        });

        Map<String, Map<String, Object>> groups = template.resourcesOfType("AWS::AutoScaling::AutoScalingGroup");
        int brokers = Integer.parseInt(template.parameter("BrokerCount"));
        if (enis.size() != brokers || volumes.size() != brokers) {
            problems.add(enis.size() + " ENIs and " + volumes.size() + " volumes for BrokerCount " + brokers);
        }
        groups.forEach((id, group) -> {
            Object count = template.resolve(at(group, "CreationPolicy", "ResourceSignal", "Count"));
            if (!String.valueOf(brokers).equals(String.valueOf(count))) {
                problems.add(id + " CreationPolicy ResourceSignal Count " + count + " must equal the broker count " + brokers);
            }
            for (String size : List.of("MinSize", "MaxSize", "DesiredCapacity")) {
                Object value = template.resolve(at(group, "Properties", size));
                if (!String.valueOf(brokers).equals(String.valueOf(value))) {
                    problems.add(id + " " + size + " " + value + " must be the broker count " + brokers);
                }
            }
            Object rolling = at(group, "UpdatePolicy", "AutoScalingRollingUpdate");
            if (!Boolean.TRUE.equals(at(rolling, "WaitOnResourceSignals"))) {
                problems.add(id + " rolling updates do not wait for the brokers' signals");
            }
            if (!Integer.valueOf(1).equals(at(rolling, "MaxBatchSize"))) {
                problems.add(id + " rolling updates must replace one broker at a time (MaxBatchSize 1)");
            }
            Object inService = template.resolve(at(rolling, "MinInstancesInService"));
            if (!String.valueOf(brokers - 1).equals(String.valueOf(inService))) {
                problems.add(id + " MinInstancesInService " + inService + " must be " + (brokers - 1)
                        + " (every broker but the one being replaced)");
            }
            Object maintenance = at(group, "Properties", "InstanceMaintenancePolicy");
            Object maxHealthy = template.resolve(at(maintenance, "MaxHealthyPercentage"));
            Object minHealthy = template.resolve(at(maintenance, "MinHealthyPercentage"));
            if (!"100".equals(String.valueOf(maxHealthy)) || !String.valueOf(100 * (brokers - 1) / brokers).equals(String.valueOf(minHealthy))) {
                problems.add(id + " InstanceMaintenancePolicy " + minHealthy + "-" + maxHealthy + " % must be "
                        + 100 * (brokers - 1) / brokers + "-100 %: a replacement must boot after the broker it replaces"
                        + " is going (terminate and launch, never above the broker count)");
            }
            Set<String> transitions = new TreeSet<>();
            asList(at(group, "Properties", "LifecycleHookSpecificationList"))
                    .forEach(h -> transitions.add(String.valueOf(at(h, "LifecycleTransition"))));
            if (!transitions.equals(Set.of("autoscaling:EC2_INSTANCE_LAUNCHING", "autoscaling:EC2_INSTANCE_TERMINATING"))) {
                problems.add(id + " needs a launching and a terminating lifecycle hook, has " + transitions);
            }
            bootBudgetProblems(id, group, problems);
        });
        // The failed-boots alarm must not fire on a boot that may still succeed: its window outlasts the launch hook.
        Object failedBoots = template.resources().get("FailedBootsAlarm");
        groups.values().forEach(group -> asList(at(group, "Properties", "LifecycleHookSpecificationList")).stream()
                .filter(h -> "autoscaling:EC2_INSTANCE_LAUNCHING".equals(at(h, "LifecycleTransition")))
                .forEach(h -> {
                    long window = Long.parseLong(String.valueOf(at(failedBoots, "Properties", "Period")))
                            * Long.parseLong(String.valueOf(at(failedBoots, "Properties", "EvaluationPeriods")));
                    long heartbeat = Long.parseLong(String.valueOf(at(h, "HeartbeatTimeout")));
                    if (window < heartbeat) {
                        problems.add("FailedBootsAlarm fires after " + window + " s, before the launch hook's HeartbeatTimeout "
                                + heartbeat + " s: a boot that may still succeed would page");
                    }
                }));
        if (groups.size() != 1) {
            problems.add("expected one Auto Scaling group, found " + groups.keySet());
        }

        Map<String, Map<String, Object>> managed = template.resourcesOfType("AWS::IAM::ManagedPolicy");
        template.resourcesOfType("AWS::IAM::Role").forEach((id, role) -> {
            for (Object arn : asList(at(role, "Properties", "ManagedPolicyArns"))) {
                Object ref = at(arn, "Ref");
                if (ref == null || !managed.containsKey(String.valueOf(ref))) {
                    problems.add(id + " attaches the managed policy " + arn + ", whose grants these checks cannot read;"
                            + " declare a scoped AWS::IAM::ManagedPolicy in the template instead");
                }
            }
            for (Object statement : statements(template, role)) {
                statementProblems(id, statement, problems);
            }
        });
        return problems;
    }

    /** The generated mappings: BrokerCounts row n lists ids 0..n-1 and the floor n-1; Slots row i is zone i mod 3. */
    static List<String> mappingProblems(CloudFormationTemplate template) {
        List<String> problems = new ArrayList<>();
        if (at(template.section("Mappings"), "BrokerCounts") instanceof Map<?, ?> rows) {
            rows.forEach((n, row) -> {
                int count = Integer.parseInt(String.valueOf(n));
                List<String> expected = IntStream.range(0, count).mapToObj(String::valueOf).toList();
                int minHealthy = 100 * (count - 1) / count;
                if (!expected.equals(at(row, "Ids")) || !Integer.valueOf(count - 1).equals(at(row, "MinInService"))
                        || !Integer.valueOf(minHealthy).equals(at(row, "MinHealthyPercent"))) {
                    problems.add("BrokerCounts row " + n + " must be Ids " + expected + ", MinInService " + (count - 1)
                            + " and MinHealthyPercent " + minHealthy + ", is " + row);
                }
            });
        } else {
            problems.add("no BrokerCounts mapping");
        }
        if (at(template.section("Mappings"), "Slots") instanceof Map<?, ?> rows) {
            rows.forEach((i, row) -> {
                if (!Integer.valueOf(Integer.parseInt(String.valueOf(i)) % ZONES).equals(at(row, "Zone"))) {
                    problems.add("Slots row " + i + " must be zone " + Integer.parseInt(String.valueOf(i)) % ZONES + ", is " + row);
                }
            });
        } else {
            problems.add("no Slots mapping");
        }
        return problems;
    }

    /** What the OS boot, cloud-init, chef-client's start, Kafka's start and the signal take beside the two bounded waits. */
    static final Duration BOOT_OVERHEAD = Duration.ofSeconds(300);

    /**
     * Timeouts nest: the boot (the converge, bounded by Chef's helper timeout, then wait-healthy, bounded by the boot
     * script's health timeout) fits the launch hook, whose heartbeat timer runs from launch; a boot that outlives it
     * is abandoned just before it would signal success. The hook fits the stack's waits for the signal.
     */
    private static void bootBudgetProblems(String id, Object group, List<String> problems) {
        Duration converge = Duration.ofSeconds(Long.parseLong(firstGroup(Repo.read(Repo.path(ATTRIBUTES)),
                "(?m)^default\\['kafka_aas'\\]\\['helper'\\]\\['timeout'\\] = (\\d+)$")));
        Duration health = Duration.ofSeconds(Long.parseLong(firstGroup(Repo.read(Repo.path(BOOT_SCRIPT)),
                "(?m)^readonly HEALTH_TIMEOUT=\\$\\{KAFKA_AAS_HEALTH_TIMEOUT:-(\\d+)\\}$")));
        Duration needed = converge.plus(health).plus(BOOT_OVERHEAD);
        for (Object hook : asList(at(group, "Properties", "LifecycleHookSpecificationList"))) {
            if (!"autoscaling:EC2_INSTANCE_LAUNCHING".equals(at(hook, "LifecycleTransition"))) {
                continue;
            }
            Duration heartbeat = Duration.ofSeconds(Long.parseLong(String.valueOf(at(hook, "HeartbeatTimeout"))));
            if (heartbeat.compareTo(needed) < 0) {
                problems.add(id + " launch hook HeartbeatTimeout " + heartbeat.toSeconds() + " s is shorter than a boot may take: "
                        + converge.toSeconds() + " s converge (" + ATTRIBUTES + " helper timeout) + " + health.toSeconds()
                        + " s wait-healthy (" + BOOT_SCRIPT + " HEALTH_TIMEOUT) + " + BOOT_OVERHEAD.toSeconds()
                        + " s to boot, start Kafka and signal = " + needed.toSeconds() + " s; raise it or lower those");
            }
            for (Object[] wait : new Object[][] {{"CreationPolicy ResourceSignal Timeout", at(group, "CreationPolicy", "ResourceSignal", "Timeout")},
                    {"rolling update PauseTime", at(group, "UpdatePolicy", "AutoScalingRollingUpdate", "PauseTime")}}) {
                Duration stackWait = Duration.parse(String.valueOf(wait[1]));
                if (stackWait.compareTo(heartbeat) < 0) {
                    problems.add(id + " " + wait[0] + " " + wait[1] + " is shorter than the launch hook's HeartbeatTimeout "
                            + heartbeat.toSeconds() + " s: the stack would give up on a broker that may still signal success");
                }
            }
        }
    }

    private static String firstGroup(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("no match for " + regex).isTrue();
        return m.group(1);
    }

    private static Set<String> brokerNames(String what, Map<String, Map<String, Object>> resources, List<String> problems) {
        Set<String> names = new TreeSet<>();
        int index = 0;
        for (Map.Entry<String, Map<String, Object>> e : resources.entrySet()) {
            Object name = tags(e.getValue()).get("Name");
            String expected = "${TagPrefix}" + index;
            if (!Map.of("Fn::Sub", expected).equals(name)) {
                problems.add(e.getKey() + " must carry the Name tag !Sub \"" + expected + "\", has " + name);
            }
            if (!tags(e.getValue()).containsKey("kafka-aas:cluster")) {
                problems.add(e.getKey() + " has no kafka-aas:cluster tag (the IAM conditions need it)");
            }
            names.add(String.valueOf(name));
            index++;
        }
        if (resources.isEmpty()) {
            problems.add("no broker " + what + "s");
        }
        return names;
    }

    /** The statements of a role: its inline policies and the template's managed policies it attaches. */
    static List<Object> statements(CloudFormationTemplate template, Map<String, Object> role) {
        List<Object> statements = new ArrayList<>();
        for (Object policy : asList(at(role, "Properties", "Policies"))) {
            statements.addAll(asList(at(policy, "PolicyDocument", "Statement")));
        }
        Map<String, Map<String, Object>> managed = template.resourcesOfType("AWS::IAM::ManagedPolicy");
        for (Object arn : asList(at(role, "Properties", "ManagedPolicyArns"))) {
            Map<String, Object> policy = managed.get(String.valueOf(at(arn, "Ref")));
            if (policy != null) {
                for (Object statement : asList(at(policy, "Properties", "PolicyDocument", "Statement"))) {
                    // A conditional statement (!If [HasKey, statement, AWS::NoValue]) is checked as if its condition held.
                    Object conditional = at(statement, "Fn::If", 1);
                    statements.add(conditional != null ? conditional : statement);
                }
            }
        }
        return statements;
    }

    /**
     * Least privilege: no wildcard actions; "*" only for Describe calls or under a condition; attach and tag actions
     * scoped by the cluster tag; parameters and secrets only under kafka-aas/<cluster>/; decrypt with one key only.
     */
    private static void statementProblems(String role, Object statement, List<String> problems) {
        List<?> actions = asList(at(statement, "Action"));
        List<?> resources = asList(at(statement, "Resource"));
        Object condition = at(statement, "Condition");
        for (Object a : actions) {
            String action = String.valueOf(a);
            if (action.contains("*")) {
                problems.add(role + " grants the wildcard action " + action);
            }
            boolean readOnly = action.contains(":Describe");
            if (!readOnly && resources.contains("*") && condition == null) {
                problems.add(role + " grants " + action + " on \"*\"");
            }
            if ((action.startsWith("ec2:Attach") || action.equals("ec2:CreateTags"))
                    && (condition == null || !condition.toString().contains("aws:ResourceTag/kafka-aas:cluster"))) {
                problems.add(role + " grants " + action + " without an aws:ResourceTag/kafka-aas:cluster condition");
            }
            if ((action.startsWith("ssm:") || action.startsWith("secretsmanager:"))
                    && !resources.stream().allMatch(r -> r.toString().contains("kafka-aas/${ClusterName}/"))) {
                problems.add(role + " grants " + action + " beyond the cluster's own kafka-aas/${ClusterName}/ path: " + resources);
            }
            if (action.equals("kms:Decrypt") && (resources.contains("*") || condition == null)) {
                problems.add(role + " grants kms:Decrypt on " + resources.stream().map(r -> r.equals("*") ? "\"*\"" : r.toString()).toList()
                        + "; only the named key, and only through SSM and Secrets Manager (kms:ViaService)");
            }
        }
    }

    /** The actions a role's inline and template-managed policies allow, e.g. ec2:AttachVolume. */
    static Set<String> allowedActions(CloudFormationTemplate template) {
        Set<String> actions = new TreeSet<>();
        template.resourcesOfType("AWS::IAM::Role").values().forEach(role -> {
            for (Object statement : statements(template, role)) {
                if ("Allow".equals(at(statement, "Effect"))) {
                    asList(at(statement, "Action")).forEach(a -> actions.add(String.valueOf(a)));
                }
            }
        });
        return actions;
    }

    /** The actions granted to the role under the statement ids that start with a prefix (e.g. CloudWatchAgent). */
    static Set<String> actionsOfStatements(CloudFormationTemplate template, String sidPrefix) {
        Set<String> actions = new TreeSet<>();
        template.resourcesOfType("AWS::IAM::Role").values().forEach(role -> {
            for (Object statement : statements(template, role)) {
                if (String.valueOf(at(statement, "Sid")).startsWith(sidPrefix)) {
                    asList(at(statement, "Action")).forEach(a -> actions.add(String.valueOf(a)));
                }
            }
        });
        return actions;
    }
}
