package io.kafkaaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.FakeAwsQueryServer;
import io.kafkaaas.testing.FakeAwsQueryServer.Reply;
import io.kafkaaas.testing.MotoAutoScaling;
import io.kafkaaas.testing.MotoEc2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.kafkaaas.testing.FakeAwsQueryServer.autoScalingInstance;
import static io.kafkaaas.testing.FakeAwsQueryServer.lifecycleHooks;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `kafka-aas signal` end to end: EC2 and Auto Scaling in moto_server where moto can show it (tags, group
 * membership, instance health), a Query-protocol fake for what it cannot (SignalResource, lifecycle hooks
 * holding an instance in Pending:Wait).
 */
class SignalCommandTest {
    @RegisterExtension
    final MotoEc2 moto = new MotoEc2();
    private MotoAutoScaling asg;
    private FakeAwsQueryServer fake;

    @BeforeEach
    void setUp() {
        asg = new MotoAutoScaling(moto.server(), moto.fixtures());
        fake = new FakeAwsQueryServer();
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private List<String> args(String instanceId, String autoScalingEndpoint, String... more) {
        List<String> args = new ArrayList<>(List.of("signal", "--output", "json", "--instance-id", instanceId,
                "--availability-zone", "us-east-1a", "--aws-max-attempts", "2",
                "--autoscaling-endpoint", autoScalingEndpoint, "--cloudformation-endpoint", fake.endpoint().toString()));
        args.addAll(List.of(moto.server().cliOptions()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void failureOfAnInServiceReplacementMarksItUnhealthyInItsGroupAndSignalsTheStack() {
        String instance = asg.createGroup("kafka-brokers", "us-east-1a", 1).get(0);
        asg.tagAsLaunchedByStack(instance, "kafka", "Brokers");
        fake.on("SignalResource", Reply.ok("SignalResource", ""));

        CliRun run = CliRun.of(args(instance, moto.server().endpoint().toString(), "--failure"));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("stackName").asText()).isEqualTo("kafka");
        assertThat(json.get("autoScalingGroup").asText()).isEqualTo("kafka-brokers");
        assertThat(json.get("lifecycleState").asText()).isEqualTo("InService");
        assertThat(statuses(json)).containsExactly("done", "done", "skipped");
        assertThat(asg.details(instance).healthStatus()).isEqualToIgnoringCase("Unhealthy");
        assertThat(fake.requests()).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("StackName", "kafka").containsEntry("LogicalResourceId", "Brokers")
                .containsEntry("UniqueId", instance).containsEntry("Status", "FAILURE"));

        fake.on("SignalResource", Reply.error(400, "ValidationError", "Stack kafka is in CREATE_COMPLETE state and cannot be signaled"));
        CliRun again = CliRun.of(args(instance, moto.server().endpoint().toString(), "--failure"));

        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.json().get("changed").asBoolean()).isFalse();
        assertThat(statuses(again.json())).containsExactly("unchanged", "unchanged", "skipped");
    }

    @Test
    void successInALaunchHookContinuesTheHookThenSignalsTheStack() {
        String instance = asg.createGroup("kafka-brokers", "us-east-1a", 1).get(0);
        asg.tagAsLaunchedByStack(instance, "kafka", "Brokers");
        fake.on("DescribeAutoScalingInstances", Reply.ok("DescribeAutoScalingInstances",
                        autoScalingInstance(instance, "kafka-brokers", "Pending:Wait", "HEALTHY")))
                .on("DescribeLifecycleHooks", Reply.ok("DescribeLifecycleHooks", lifecycleHooks("kafka-brokers",
                        "kafka-launch", "autoscaling:EC2_INSTANCE_LAUNCHING", "kafka-terminate", "autoscaling:EC2_INSTANCE_TERMINATING")))
                .on("CompleteLifecycleAction", Reply.ok("CompleteLifecycleAction", ""))
                .on("SignalResource", Reply.ok("SignalResource", ""));

        CliRun run = CliRun.of(args(instance, fake.endpoint().toString(), "--success"));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.json().get("lifecycleHook").asText()).isEqualTo("kafka-launch");
        assertThat(fake.actions()).containsExactly("DescribeAutoScalingInstances", "DescribeLifecycleHooks",
                "CompleteLifecycleAction", "SignalResource");
        assertThat(fake.requests().get(2)).containsEntry("LifecycleActionResult", "CONTINUE").containsEntry("InstanceId", instance);
        assertThat(fake.requests().get(3)).containsEntry("Status", "SUCCESS");
    }

    @Test
    void aFailedStepGivesItsExitCodeAndOneLine() {
        String instance = asg.createGroup("kafka-brokers", "us-east-1a", 1).get(0);
        asg.tagAsLaunchedByStack(instance, "kafka", "Brokers");
        fake.on("SignalResource", Reply.error(403, "AccessDenied", "not authorized to perform cloudformation:SignalResource"));

        CliRun run = CliRun.of(args(instance, moto.server().endpoint().toString(), "--failure"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.json().get("exitCode").asInt()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("SignalResource FAILURE (kafka/Brokers)", "IAM policy", "SetInstanceHealth Unhealthy: done");
        // Failure is best effort: the group still replaces the instance.
        assertThat(asg.details(instance).healthStatus()).isEqualToIgnoringCase("Unhealthy");
    }

    @Test
    void badInputIsExitTwoAndTouchesNothing() {
        String instance = asg.createGroup("kafka-brokers", "us-east-1a", 1).get(0);

        assertThat(CliRun.of(args(instance, fake.endpoint().toString())).exitCode()).isEqualTo(2);
        assertThat(CliRun.of(args(instance, fake.endpoint().toString(), "--success", "--failure")).exitCode()).isEqualTo(2);
        CliRun badStack = CliRun.of(args(instance, fake.endpoint().toString(), "--failure", "--stack-name", "1-not-a-stack"));
        assertThat(badStack.exitCode()).isEqualTo(2);
        assertThat(badStack.errorLines()).singleElement().asString().contains("--stack-name '1-not-a-stack'");
        CliRun wrongGroup = CliRun.of(args(instance, moto.server().endpoint().toString(), "--failure", "--auto-scaling-group", "other"));
        assertThat(wrongGroup.exitCode()).isEqualTo(2);
        assertThat(wrongGroup.errorLines()).singleElement().asString().contains("is in Auto Scaling group kafka-brokers, not other");

        assertThat(fake.requests()).isEmpty();
        assertThat(asg.details(instance).healthStatus()).isEqualToIgnoringCase("Healthy");
    }

    private static List<String> statuses(JsonNode json) {
        List<String> statuses = new ArrayList<>();
        json.get("steps").forEach(s -> statuses.add(s.get("status").asText()));
        return statuses;
    }
}
