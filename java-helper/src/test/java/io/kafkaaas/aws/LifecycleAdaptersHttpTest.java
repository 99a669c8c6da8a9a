package io.kafkaaas.aws;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.lifecycle.Outcome;
import io.kafkaaas.lifecycle.StackResource;
import io.kafkaaas.lifecycle.StackSignals;
import io.kafkaaas.testing.FakeAwsQueryServer;
import io.kafkaaas.testing.FakeAwsQueryServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SignalResource and CompleteLifecycleAction through the real SDK against a Query-protocol fake: moto does
 * not implement them, and the answers that matter (not awaiting, no active action) are AWS error responses.
 */
class LifecycleAdaptersHttpTest {
    private final StackResource stack = new StackResource("kafka", "Brokers");
    private FakeAwsQueryServer aws;
    private CfnStackSignals signals;
    private AsgAutoScalingGroups groups;

    @BeforeEach
    void setUp() {
        aws = new FakeAwsQueryServer();
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        AwsSettings settings = new AwsSettings(Optional.of("us-east-1"), Optional.empty(), Optional.empty(), 2, Duration.ofSeconds(30));
        signals = new CfnStackSignals(LifecycleClients.cloudFormation(settings, "us-east-1", Optional.of(aws.endpoint())), "fake");
        groups = new AsgAutoScalingGroups(LifecycleClients.autoScaling(settings, "us-east-1", Optional.of(aws.endpoint())), "fake");
    }

    @AfterEach
    void tearDown() {
        aws.close();
    }

    @Test
    void signalsTheResourceWithTheInstanceIdAsUniqueId() {
        aws.on("SignalResource", Reply.ok("SignalResource", ""));

        assertThat(signals.signal(stack, "i-0aaa", Outcome.FAILURE)).isEqualTo(StackSignals.Receipt.COUNTED);

        assertThat(aws.requests()).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("StackName", "kafka").containsEntry("LogicalResourceId", "Brokers")
                .containsEntry("UniqueId", "i-0aaa").containsEntry("Status", "FAILURE"));
    }

    @Test
    void aStackThatIsNotCreatingOrUpdatingIsNotAwaitingRatherThanAnError() {
        aws.on("SignalResource", Reply.error(400, "ValidationError",
                "Stack arn:aws:cloudformation:us-east-1:1:stack/kafka/x is in CREATE_COMPLETE state and cannot be signaled"));

        assertThat(signals.signal(stack, "i-0aaa", Outcome.SUCCESS)).isEqualTo(StackSignals.Receipt.NOT_AWAITING);
    }

    @Test
    void aMissingStackIsAConfigurationError() {
        aws.on("SignalResource", Reply.error(400, "ValidationError", "Stack with id kafka does not exist"));

        assertThatThrownBy(() -> signals.signal(stack, "i-0aaa", Outcome.SUCCESS))
                .isInstanceOfSatisfying(KafkaAasException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("kafka/Brokers").hasMessageContaining("--stack-name");
    }

    @Test
    void aRefusalNamesTheIamFixAndAnOutageIsRetriedThenUnreachable() {
        aws.on("SignalResource", Reply.error(403, "AccessDenied", "not authorized to perform cloudformation:SignalResource"));
        assertThatThrownBy(() -> signals.signal(stack, "i-0aaa", Outcome.SUCCESS))
                .isInstanceOfSatisfying(KafkaAasException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("IAM policy");

        aws.on("CompleteLifecycleAction", Reply.error(503, "ServiceUnavailable", "try later"));
        assertThatThrownBy(() -> groups.completeLifecycleAction("g", "launch", "i-0aaa", "CONTINUE"))
                .isInstanceOfSatisfying(KafkaAasException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE));
        assertThat(aws.actions()).filteredOn("CompleteLifecycleAction"::equals).hasSize(2); // --aws-max-attempts 2
    }

    @Test
    void completesALifecycleActionByInstanceIdAndTreatsNoActiveActionAsDone() {
        aws.on("CompleteLifecycleAction", Reply.ok("CompleteLifecycleAction", ""));
        assertThat(groups.completeLifecycleAction("kafka-brokers", "kafka-launch", "i-0aaa", "ABANDON")).isTrue();
        Map<String, String> sent = aws.requests().get(0);
        assertThat(sent).containsEntry("AutoScalingGroupName", "kafka-brokers").containsEntry("LifecycleHookName", "kafka-launch")
                .containsEntry("InstanceId", "i-0aaa").containsEntry("LifecycleActionResult", "ABANDON")
                .doesNotContainKey("LifecycleActionToken");

        aws.on("CompleteLifecycleAction", Reply.error(400, "ValidationError", "No active Lifecycle Action found with instance ID i-0aaa"));
        assertThat(groups.completeLifecycleAction("kafka-brokers", "kafka-launch", "i-0aaa", "ABANDON")).isFalse();
    }

    @Test
    void readsOtherInstancesLifecycleStatesFiftyIdsACallAndLeavesOutThoseInNoGroup() {
        List<String> ids = IntStream.range(0, 52).mapToObj(i -> String.format("i-%04d", i)).toList();
        aws.on("DescribeAutoScalingInstances", request -> {
            StringBuilder members = new StringBuilder();
            request.forEach((key, id) -> {
                if (key.startsWith("InstanceIds.member.") && !id.equals("i-0003")) { // i-0003 belongs to no group
                    members.append(FakeAwsQueryServer.autoScalingInstance(id, "kafka-brokers",
                            id.equals("i-0001") ? "Terminating:Wait" : id.equals("i-0051") ? "Terminating:Proceed" : "InService",
                            "HEALTHY").replace("<AutoScalingInstances>", "").replace("</AutoScalingInstances>", ""));
                }
            });
            return Reply.ok("DescribeAutoScalingInstances", "<AutoScalingInstances>" + members + "</AutoScalingInstances>");
        });

        Map<String, String> states = groups.lifecycleStates(ids);

        assertThat(aws.requests()).hasSize(2);
        assertThat(aws.requests().get(0)).containsEntry("InstanceIds.member.1", "i-0000")
                .containsEntry("InstanceIds.member.50", "i-0049").doesNotContainKey("InstanceIds.member.51")
                .containsEntry("MaxRecords", "50");
        assertThat(aws.requests().get(1)).containsEntry("InstanceIds.member.1", "i-0050")
                .containsEntry("InstanceIds.member.2", "i-0051").doesNotContainKey("InstanceIds.member.3");
        assertThat(states).hasSize(51).containsEntry("i-0001", "Terminating:Wait").containsEntry("i-0051", "Terminating:Proceed")
                .containsEntry("i-0000", "InService").doesNotContainKey("i-0003");
    }

    @Test
    void aRefusedLifecycleStateLookUpNamesTheCallAndTheIamFix() {
        aws.on("DescribeAutoScalingInstances", Reply.error(403, "AccessDenied",
                "not authorized to perform autoscaling:DescribeAutoScalingInstances"));

        assertThatThrownBy(() -> groups.lifecycleStates(List.of("i-0aaa", "i-0bbb")))
                .isInstanceOfSatisfying(KafkaAasException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("DescribeAutoScalingInstances (i-0aaa, i-0bbb)").hasMessageContaining("AccessDenied")
                .hasMessageContaining("IAM policy");
    }

    @Test
    void setsUnhealthyWithoutWaitingForTheGracePeriod() {
        aws.on("SetInstanceHealth", Reply.ok("SetInstanceHealth", ""));

        groups.setUnhealthy("i-0aaa");

        assertThat(aws.requests().get(0)).containsEntry("InstanceId", "i-0aaa").containsEntry("HealthStatus", "Unhealthy")
                .containsEntry("ShouldRespectGracePeriod", "false");
    }
}
