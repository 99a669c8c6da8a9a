package io.kafkaaas.tooling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.error.YAMLException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.kafkaaas.tooling.CloudFormationTemplate.asList;
import static io.kafkaaas.tooling.CloudFormationTemplate.at;
import static io.kafkaaas.tooling.CloudFormationTemplate.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stack's rules, read from cloudformation/kafka-aas.yaml; each rule also fails on a deliberately broken copy. */
class CloudFormationCheckTest {
    static final String TEMPLATE = "cloudformation/kafka-aas.yaml";

    @TempDir
    Path tmp;

    @Test
    void theTemplateKeepsEveryRule() {
        assertThat(problems(CloudFormationTemplate.parse(Repo.path(TEMPLATE)))).isEmpty();
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
        Repo.replaceOnce(copy, "      AvailabilityZone: !Ref ZoneB\n      Size: !Ref DataVolumeSize\n      VolumeType: gp3\n"
                + "      Iops: 3000\n      Throughput: 125\n      Encrypted: true",
                "      AvailabilityZone: !Ref ZoneB\n      Size: !Ref DataVolumeSize\n      VolumeType: gp3\n"
                + "      Iops: 3000\n      Throughput: 125\n      Encrypted: false");
        Repo.replaceOnce(copy, "        Count: 3\n", "        Count: 2\n");
        Repo.replaceOnce(copy, "          Value: !Sub \"${TagPrefix}2\"\n        - Key: kafka-aas:cluster\n          Value: !Ref ClusterName\n"
                + "        - Key: kafka-aas:broker-id\n          Value: \"2\"\n\n  Volume0:",
                "          Value: broker-two\n        - Key: kafka-aas:cluster\n          Value: !Ref ClusterName\n"
                + "        - Key: kafka-aas:broker-id\n          Value: \"2\"\n\n  Volume0:");
        Repo.replaceOnce(copy, "                Action: cloudformation:SignalResource\n                Resource: !Ref \"AWS::StackId\"",
                "                Action: cloudformation:SignalResource\n                Resource: \"*\"\n"
                + "              - Effect: Allow\n                Action: [\"s3:*\", \"dynamodb:*\"]\n                Resource: \"*\"");
        Repo.replaceOnce(copy, "                Condition:\n                  StringEquals:\n                    aws:ResourceTag/kafka-aas:cluster: !Ref ClusterName\n"
                + "              - Sid: MarkThisClustersVolumesFormatted",
                "              - Sid: MarkThisClustersVolumesFormatted");

        List<String> problems = problems(CloudFormationTemplate.parse(copy));

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("HttpTokens"))
                .anySatisfy(p -> assertThat(p).contains("Volume1 is not encrypted"))
                .anySatisfy(p -> assertThat(p).contains("ResourceSignal Count 2"))
                .anySatisfy(p -> assertThat(p).contains("Eni2").contains("Name tag"))
                .anySatisfy(p -> assertThat(p).contains("cloudformation:SignalResource").contains("\"*\""))
                .anySatisfy(p -> assertThat(p).contains("s3:*"))
                .anySatisfy(p -> assertThat(p).contains("ec2:AttachVolume").contains("aws:ResourceTag"));
    }

    /** Every rule the issue sets for the stack; an empty list means the template keeps all of them. */
    static List<String> problems(CloudFormationTemplate template) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> enis = template.resourcesOfType("AWS::EC2::NetworkInterface");
        Map<String, Map<String, Object>> volumes = template.resourcesOfType("AWS::EC2::Volume");
        Set<String> eniNames = brokerNames("ENI", enis, problems);
        Set<String> volumeNames = brokerNames("volume", volumes, problems);
        enis.forEach((id, eni) -> {
            if (at(eni, "Properties", "PrivateIpAddress") == null) {
                problems.add(id + " has no fixed PrivateIpAddress");
            }
        });
        volumes.forEach((id, volume) -> {
            if (!Boolean.TRUE.equals(at(volume, "Properties", "Encrypted"))) {
                problems.add(id + " is not encrypted");
            }
            if (!"gp3".equals(at(volume, "Properties", "VolumeType"))) {
                problems.add(id + " is not gp3");
            }
            if (!"Retain".equals(volume.get("DeletionPolicy"))) {
                problems.add(id + " would be deleted with the stack (DeletionPolicy must be Retain)");
            }
        });
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
        groups.forEach((id, group) -> {
            Object count = at(group, "CreationPolicy", "ResourceSignal", "Count");
            int brokers = enis.size();
            if (count == null || !String.valueOf(count).equals(String.valueOf(brokers))) {
                problems.add(id + " CreationPolicy ResourceSignal Count " + count + " must equal the broker count " + brokers);
            }
            for (String size : List.of("MinSize", "MaxSize", "DesiredCapacity")) {
                if (!String.valueOf(brokers).equals(String.valueOf(at(group, "Properties", size)))) {
                    problems.add(id + " " + size + " must be the broker count " + brokers);
                }
            }
            if (!Boolean.TRUE.equals(at(group, "UpdatePolicy", "AutoScalingRollingUpdate", "WaitOnResourceSignals"))) {
                problems.add(id + " rolling updates do not wait for the brokers' signals");
            }
            Set<String> transitions = new TreeSet<>();
            asList(at(group, "Properties", "LifecycleHookSpecificationList"))
                    .forEach(h -> transitions.add(String.valueOf(at(h, "LifecycleTransition"))));
            if (!transitions.equals(Set.of("autoscaling:EC2_INSTANCE_LAUNCHING", "autoscaling:EC2_INSTANCE_TERMINATING"))) {
                problems.add(id + " needs a launching and a terminating lifecycle hook, has " + transitions);
            }
        });
        if (groups.size() != 1) {
            problems.add("expected one Auto Scaling group, found " + groups.keySet());
        }

        template.resourcesOfType("AWS::IAM::Role").forEach((id, role) -> {
            for (Object policy : asList(at(role, "Properties", "Policies"))) {
                for (Object statement : asList(at(policy, "PolicyDocument", "Statement"))) {
                    statementProblems(id, statement, problems);
                }
            }
        });
        return problems;
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

    /** Least privilege: no wildcard actions, "*" only for Describe calls, attach and tag actions scoped by cluster tag. */
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
            if (!readOnly && resources.contains("*")) {
                problems.add(role + " grants " + action + " on \"*\"");
            }
            if ((action.startsWith("ec2:Attach") || action.equals("ec2:CreateTags"))
                    && (condition == null || !condition.toString().contains("aws:ResourceTag/kafka-aas:cluster"))) {
                problems.add(role + " grants " + action + " without an aws:ResourceTag/kafka-aas:cluster condition");
            }
        }
    }

    /** The actions a role's inline policies allow, e.g. ec2:AttachVolume. */
    static Set<String> allowedActions(CloudFormationTemplate template) {
        Set<String> actions = new TreeSet<>();
        template.resourcesOfType("AWS::IAM::Role").values().forEach(role -> {
            for (Object policy : asList(at(role, "Properties", "Policies"))) {
                for (Object statement : asList(at(policy, "PolicyDocument", "Statement"))) {
                    if ("Allow".equals(at(statement, "Effect"))) {
                        asList(at(statement, "Action")).forEach(a -> actions.add(String.valueOf(a)));
                    }
                }
            }
        });
        return actions;
    }
}
