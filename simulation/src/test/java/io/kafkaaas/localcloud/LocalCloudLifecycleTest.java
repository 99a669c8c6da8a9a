package io.kafkaaas.localcloud;

import io.kafkaaas.aws.AsgAutoScalingGroups;
import io.kafkaaas.aws.AwsSettings;
import io.kafkaaas.aws.CfnStackSignals;
import io.kafkaaas.aws.Ec2Clients;
import io.kafkaaas.aws.Ec2InstanceTags;
import io.kafkaaas.aws.LifecycleClients;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.lifecycle.GroupMembership;
import io.kafkaaas.lifecycle.LifecycleHook;
import io.kafkaaas.lifecycle.LifecycleSignaller;
import io.kafkaaas.lifecycle.LifecycleStep;
import io.kafkaaas.lifecycle.Outcome;
import io.kafkaaas.lifecycle.SignalReport;
import io.kafkaaas.lifecycle.SignalRequest;
import io.kafkaaas.lifecycle.StackResource;
import io.kafkaaas.testing.LocalCloudFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local cloud's Auto Scaling and CloudFormation answers, through the real SDK and the same adapters and
 * signaller the production {@code signal} command uses: what the simulated group does with them is what an ASG
 * does (CONTINUE puts an instance in service; a failure has it terminated, so it can be replaced).
 */
class LocalCloudLifecycleTest {
    private static final CloudTimings TIMINGS = LocalCloudFixture.QUICK;

    @TempDir
    Path workdir;
    private LocalCloudFixture cloud;
    private Ec2Client ec2;
    private AutoScalingClient autoScaling;
    private CloudFormationClient cloudFormation;
    private LifecycleSignaller signaller;

    @BeforeEach
    void setUp() {
        cloud = new LocalCloudFixture(workdir, TIMINGS);
        AwsSettings settings = cloud.awsSettings(2, Duration.ofSeconds(10));
        ec2 = Ec2Clients.ec2(settings, LocalCloudFixture.REGION);
        autoScaling = LifecycleClients.autoScaling(settings, LocalCloudFixture.REGION, Optional.of(cloud.server().ec2Endpoint()));
        cloudFormation = LifecycleClients.cloudFormation(settings, LocalCloudFixture.REGION, Optional.of(cloud.server().ec2Endpoint()));
        signaller = new LifecycleSignaller(new CfnStackSignals(cloudFormation, "local"), groups(), new Ec2InstanceTags(ec2, "local"));
    }

    @AfterEach
    void tearDown() {
        ec2.close();
        autoScaling.close();
        cloudFormation.close();
        cloud.close();
    }

    private AsgAutoScalingGroups groups() {
        return new AsgAutoScalingGroups(autoScaling, "local");
    }

    private CloudInstance launch() {
        CloudInstance instance = cloud.cloud().autoScaling().launch("us-east-1a");
        cloud.advance(TIMINGS.boot());
        return instance;
    }

    private static SignalRequest discovered(String instanceId, Outcome outcome) {
        return new SignalRequest(instanceId, outcome, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void aLaunchedInstanceWaitsOnTheLaunchHookAndTheGroupDescribesIt() {
        CloudInstance instance = launch();

        assertThat(groups().membership(instance.id())).contains(new GroupMembership(LocalAutoScaling.GROUP, "Pending:Wait", "HEALTHY"));
        assertThat(groups().hooks(LocalAutoScaling.GROUP))
                .containsExactly(new LifecycleHook(LocalAutoScaling.LAUNCH_HOOK, LifecycleHook.LAUNCHING));
        assertThat(groups().membership("i-0000000000000000f")).isEmpty();
        assertThatThrownBy(() -> groups().hooks("no-such-group")).isInstanceOf(KafkaAasException.class)
                .hasMessageContaining("AutoScalingGroup name not found - no-such-group");
    }

    @Test
    void successCompletesTheHookThenCountsTheStackSignalAndTheGroupPutsTheInstanceInService() {
        CloudInstance instance = launch();

        SignalReport report = signaller.signal(discovered(instance.id(), Outcome.SUCCESS));

        // The stack and group come from the tags the group put on the instance, as CloudFormation's do.
        assertThat(report.stack()).contains(new StackResource(LocalAutoScaling.STACK, LocalAutoScaling.LOGICAL_ID));
        assertThat(report.steps()).extracting(LifecycleStep::action, LifecycleStep::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("CompleteLifecycleAction CONTINUE", LifecycleStep.Status.DONE),
                org.assertj.core.groups.Tuple.tuple("SignalResource SUCCESS", LifecycleStep.Status.DONE));
        assertThat(cloud.cloud().autoScaling().member(instance.id()).orElseThrow().lifecycleState()).isEqualTo("InService");
        assertThat(cloud.cloud().autoScaling().signals()).containsExactly(new LocalAutoScaling.StackSignal(
                LocalAutoScaling.STACK, LocalAutoScaling.LOGICAL_ID, instance.id(), "SUCCESS"));
        assertThat(instance.state()).isEqualTo("running");

        // A second CompleteLifecycleAction gets AWS's "No active Lifecycle Action" error, which the adapter reads as done.
        assertThat(groups().completeLifecycleAction(LocalAutoScaling.GROUP, LocalAutoScaling.LAUNCH_HOOK, instance.id(), "CONTINUE"))
                .isFalse();
    }

    @Test
    void failureSignalsTheStackMarksUnhealthyAbandonsAndTheGroupTerminatesTheInstance() {
        CloudInstance instance = launch();

        SignalReport report = signaller.signal(discovered(instance.id(), Outcome.FAILURE));

        assertThat(report.steps()).extracting(LifecycleStep::action, LifecycleStep::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SignalResource FAILURE", LifecycleStep.Status.DONE),
                org.assertj.core.groups.Tuple.tuple("SetInstanceHealth Unhealthy", LifecycleStep.Status.DONE),
                org.assertj.core.groups.Tuple.tuple("CompleteLifecycleAction ABANDON", LifecycleStep.Status.DONE));
        LocalAutoScaling.Member member = cloud.cloud().autoScaling().member(instance.id()).orElseThrow();
        assertThat(member.replaced()).isTrue();
        assertThat(member.healthStatus()).isEqualTo("UNHEALTHY");
        assertThat(instance.state()).isEqualTo("shutting-down");
        assertThat(cloud.cloud().autoScaling().signals()).extracting(LocalAutoScaling.StackSignal::status).containsExactly("FAILURE");
        cloud.advance(TIMINGS.shutdown());
        assertThat(instance.state()).isEqualTo("terminated");
    }

    @Test
    void anInstanceInServiceMarkedUnhealthyIsTerminated() {
        CloudInstance instance = launch();
        signaller.signal(discovered(instance.id(), Outcome.SUCCESS));

        groups().setUnhealthy(instance.id());

        assertThat(groups().membership(instance.id())).contains(new GroupMembership(LocalAutoScaling.GROUP, "Terminating", "UNHEALTHY"));
        assertThat(instance.state()).isEqualTo("shutting-down");
    }

    @Test
    void aMemberEc2IsTerminatingIsTerminatingToItsGroupAndTheLifecycleStatesSaySo() {
        CloudInstance staying = launch();
        CloudInstance leaving = launch();
        signaller.signal(discovered(staying.id(), Outcome.SUCCESS));
        signaller.signal(discovered(leaving.id(), Outcome.SUCCESS));

        cloud.cloud().terminate(leaving.id());

        assertThat(groups().lifecycleStates(java.util.List.of(staying.id(), leaving.id(), "i-0000000000000000f")))
                .containsOnly(java.util.Map.entry(staying.id(), "InService"), java.util.Map.entry(leaving.id(), "Terminating"));
        assertThat(cloud.cloud().autoScaling().member(leaving.id()).orElseThrow().replaced()).isTrue();
    }

    @Test
    void aSignalForAStackThatDoesNotExistIsAUsageErrorNamingTheFix() {
        CloudInstance instance = launch();
        CfnStackSignals stacks = new CfnStackSignals(cloudFormation, "local");

        assertThatThrownBy(() -> stacks.signal(new StackResource("other-stack", LocalAutoScaling.LOGICAL_ID), instance.id(), Outcome.SUCCESS))
                .isInstanceOfSatisfying(KafkaAasException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("Stack other-stack does not exist").hasMessageContaining("--stack-name");
        assertThatThrownBy(() -> groups().setUnhealthy("i-0000000000000000f")).isInstanceOf(KafkaAasException.class)
                .hasMessageContaining("No managed instance found for instance ID i-0000000000000000f");
    }
}
