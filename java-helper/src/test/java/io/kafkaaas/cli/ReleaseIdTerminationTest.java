package io.kafkaaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.EmbeddedZooKeeper;
import io.kafkaaas.testing.FakeAwsQueryServer;
import io.kafkaaas.testing.FakeAwsQueryServer.Reply;
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

/** The termination flow: release-id --complete-lifecycle-action against a real ZooKeeper, moto EC2 and a fake Auto Scaling. */
class ReleaseIdTerminationTest {
    @RegisterExtension
    final EmbeddedZooKeeper zookeeper = new EmbeddedZooKeeper();
    @RegisterExtension
    final MotoEc2 moto = MotoEc2.withInstanceIn("us-east-1a");
    private FakeAwsQueryServer autoScaling;

    @BeforeEach
    void setUp() {
        autoScaling = new FakeAwsQueryServer();
        moto.fixtures().createBrokerEnis("KAFKA-", 2, "us-east-1a");
        CliRun claim = CliRun.of(common("claim-id", "--broker-count", "2"));
        assertThat(claim.exitCode()).as(claim.stderr()).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        autoScaling.close();
    }

    private List<String> common(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--output", "json", "--zookeeper", zookeeper.connectString(),
                "--cluster", "test", "--instance-id", moto.instance(), "--availability-zone", "us-east-1a", "--aws-max-attempts", "2"));
        args.addAll(List.of(moto.server().cliOptions()));
        args.addAll(List.of(more));
        return args;
    }

    private void terminating() {
        autoScaling.on("DescribeAutoScalingInstances", Reply.ok("DescribeAutoScalingInstances",
                        autoScalingInstance(moto.instance(), "kafka-brokers", "Terminating:Wait", "HEALTHY")))
                .on("DescribeLifecycleHooks", Reply.ok("DescribeLifecycleHooks", lifecycleHooks("kafka-brokers",
                        "kafka-launch", "autoscaling:EC2_INSTANCE_LAUNCHING", "kafka-terminate", "autoscaling:EC2_INSTANCE_TERMINATING")))
                .on("CompleteLifecycleAction", Reply.ok("CompleteLifecycleAction", ""));
    }

    @Test
    void releasesTheClaimThenLetsTheGroupTerminateTheInstance() {
        terminating();

        CliRun run = CliRun.of(common("release-id", "--complete-lifecycle-action",
                "--autoscaling-endpoint", autoScaling.endpoint().toString()));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("releasedIds").get(0).asInt()).isZero();
        assertThat(json.get("lifecycleAction").get("status").asText()).isEqualTo("done");
        assertThat(autoScaling.requests().get(2)).containsEntry("Action", "CompleteLifecycleAction")
                .containsEntry("LifecycleHookName", "kafka-terminate").containsEntry("LifecycleActionResult", "CONTINUE");
        CliRun status = CliRun.of(common("status", "--broker-count", "2"));
        assertThat(status.json().get("slots").get(0).get("owner").isNull()).isTrue();
    }

    @Test
    void completesTheHookEvenWhenZooKeeperIsGone() throws Exception {
        terminating();
        zookeeper.stop();

        CliRun run = CliRun.of(common("release-id", "--complete-lifecycle-action", "--zookeeper-timeout", "2",
                "--autoscaling-endpoint", autoScaling.endpoint().toString()));

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(autoScaling.actions()).contains("CompleteLifecycleAction");
    }

    @Test
    void withoutTheFlagReleaseIdNeverTalksToAutoScaling() {
        CliRun run = CliRun.of(common("release-id", "--autoscaling-endpoint", autoScaling.endpoint().toString()));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.json().has("lifecycleAction")).isFalse();
        assertThat(autoScaling.requests()).isEmpty();
    }
}
