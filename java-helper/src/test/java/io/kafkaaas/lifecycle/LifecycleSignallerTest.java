package io.kafkaaas.lifecycle;

import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.testing.FakeAutoScalingGroups;
import io.kafkaaas.testing.FakeStackSignals;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.kafkaaas.lifecycle.LifecycleHook.LAUNCHING;
import static io.kafkaaas.lifecycle.LifecycleHook.TERMINATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleSignallerTest {
    private static final String ME = "i-0aaa";

    private final List<String> journal = new ArrayList<>();
    private final FakeAutoScalingGroups groups = new FakeAutoScalingGroups(journal);
    private final FakeStackSignals stacks = new FakeStackSignals(journal);
    private final Map<String, String> tags = new HashMap<>();
    private final LifecycleSignaller signaller = new LifecycleSignaller(stacks, groups, id -> id.equals(ME) ? tags : Map.of());

    private void launchedByStack() {
        tags.put(InstanceTags.STACK_NAME, "kafka");
        tags.put(InstanceTags.LOGICAL_ID, "Brokers");
        groups.member(ME, "kafka-Brokers-1", "Pending:Wait")
                .hook("kafka-Brokers-1", "kafka-launch", LAUNCHING)
                .hook("kafka-Brokers-1", "kafka-terminate", TERMINATING);
    }

    private static SignalRequest request(Outcome outcome) {
        return new SignalRequest(ME, outcome, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void successCompletesTheLaunchHookBeforeTheStackCountsTheSignal() {
        launchedByStack();

        SignalReport report = signaller.signal(request(Outcome.SUCCESS));

        assertThat(journal).containsExactly(
                "CompleteLifecycleAction kafka-Brokers-1/kafka-launch i-0aaa CONTINUE",
                "SignalResource kafka/Brokers i-0aaa SUCCESS");
        assertThat(report.changed()).isTrue();
        assertThat(report.hookName()).contains("kafka-launch");
        assertThat(report.stack()).contains(new StackResource("kafka", "Brokers"));
        assertThat(groups.memberState(ME).lifecycleState()).isEqualTo("Pending:Proceed");
    }

    @Test
    void failureSignalsTheStackMarksUnhealthyAndAbandonsTheLaunch() {
        launchedByStack();

        SignalReport report = signaller.signal(request(Outcome.FAILURE));

        assertThat(journal).containsExactly(
                "SignalResource kafka/Brokers i-0aaa FAILURE",
                "SetInstanceHealth i-0aaa Unhealthy",
                "CompleteLifecycleAction kafka-Brokers-1/kafka-launch i-0aaa ABANDON");
        assertThat(report.steps()).extracting(LifecycleStep::status).containsOnly(LifecycleStep.Status.DONE);
        assertThat(groups.memberState(ME).healthStatus()).isEqualTo("UNHEALTHY");
    }

    @Test
    void aStandbyWaitingForAnIdGoesIntoServiceHealthyAndSendsNoStackSignal() {
        launchedByStack();

        SignalReport report = signaller.signal(request(Outcome.WAITING));

        // Neither ABANDON nor Unhealthy: either would have the group launch another instance that finds no id either.
        assertThat(journal).containsExactly("CompleteLifecycleAction kafka-Brokers-1/kafka-launch i-0aaa CONTINUE");
        assertThat(report.steps()).extracting(LifecycleStep::status)
                .containsExactly(LifecycleStep.Status.DONE, LifecycleStep.Status.SKIPPED);
        assertThat(groups.memberState(ME).lifecycleState()).isEqualTo("Pending:Proceed");
        assertThat(groups.memberState(ME).healthStatus()).isNotEqualTo("UNHEALTHY");
    }

    @Test
    void aSecondRunChangesNothing() {
        launchedByStack();
        signaller.signal(request(Outcome.FAILURE));
        stacks.notAwaiting();
        journal.clear();

        SignalReport again = signaller.signal(request(Outcome.FAILURE));

        assertThat(again.changed()).isFalse();
        assertThat(again.steps()).extracting(LifecycleStep::status).containsExactly(
                LifecycleStep.Status.UNCHANGED, LifecycleStep.Status.UNCHANGED, LifecycleStep.Status.SKIPPED);
        // Unhealthy is known from DescribeAutoScalingInstances, so it is not set again.
        assertThat(journal).containsExactly("SignalResource kafka/Brokers i-0aaa FAILURE");
    }

    @Test
    void aReplacementInServiceOutsideAStackOperationHasNothingToComplete() {
        launchedByStack();
        groups.member(ME, "kafka-Brokers-1", "InService");
        stacks.notAwaiting();

        SignalReport report = signaller.signal(request(Outcome.SUCCESS));

        assertThat(report.changed()).isFalse();
        assertThat(report.steps().get(0).status()).isEqualTo(LifecycleStep.Status.SKIPPED);
        assertThat(report.steps().get(0).detail()).contains("InService");
        assertThat(report.steps().get(1).status()).isEqualTo(LifecycleStep.Status.SKIPPED);
        assertThat(journal).isEmpty();
    }

    @Test
    void aRebootedBrokerPastItsLaunchHookDoesNotCountASuccessForAStackUpdateWaitingOnAnotherInstance() {
        launchedByStack();
        // A rolling update is waiting for the signal of another broker's replacement; this one rebooted.
        groups.member(ME, "kafka-Brokers-1", "InService");

        SignalReport report = signaller.signal(request(Outcome.SUCCESS));

        assertThat(journal).isEmpty();
        assertThat(report.changed()).isFalse();
        assertThat(report.steps()).extracting(LifecycleStep::status)
                .containsExactly(LifecycleStep.Status.SKIPPED, LifecycleStep.Status.SKIPPED);
        assertThat(report.steps().get(1).detail()).contains("InService").contains("kafka-launch").contains("reboot");
    }

    @Test
    void aReRunAfterTheHookWasCompletedButTheSignalFailedStillSignalsTheStack() {
        launchedByStack();
        groups.member(ME, "kafka-Brokers-1", "Pending:Proceed");

        SignalReport report = signaller.signal(request(Outcome.SUCCESS));

        assertThat(journal).containsExactly("SignalResource kafka/Brokers i-0aaa SUCCESS");
        assertThat(report.changed()).isTrue();
    }

    @Test
    void anInstanceOfAGroupWithoutALaunchHookStillSignalsTheStackInService() {
        tags.put(InstanceTags.STACK_NAME, "kafka");
        tags.put(InstanceTags.LOGICAL_ID, "Brokers");
        groups.member(ME, "kafka-Brokers-1", "InService").hook("kafka-Brokers-1", "kafka-terminate", TERMINATING);

        SignalReport report = signaller.signal(request(Outcome.SUCCESS));

        assertThat(journal).containsExactly("SignalResource kafka/Brokers i-0aaa SUCCESS");
        assertThat(report.changed()).isTrue();
    }

    @Test
    void aHookThatTimedOutMeanwhileIsUnchangedNotAnError() {
        launchedByStack();
        groups.actionsExpired();

        SignalReport report = signaller.signal(request(Outcome.SUCCESS));

        assertThat(report.steps().get(0).status()).isEqualTo(LifecycleStep.Status.UNCHANGED);
        assertThat(report.steps().get(0).detail()).contains("no active lifecycle action");
        assertThat(report.steps().get(1).status()).isEqualTo(LifecycleStep.Status.DONE);
    }

    @Test
    void successDoesNotSignalTheStackWhenTheHookCouldNotBeCompleted() {
        launchedByStack();
        groups.failCompletionWith(new DependencyUnreachableException("CompleteLifecycleAction kept failing"));

        SignalReport report = signaller.signal(request(Outcome.SUCCESS));

        assertThat(journal).containsExactly("CompleteLifecycleAction kafka-Brokers-1/kafka-launch i-0aaa CONTINUE");
        assertThat(report.firstFailure()).get().extracting(s -> s.failure().orElseThrow().exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(report.steps().get(1).status()).isEqualTo(LifecycleStep.Status.SKIPPED);
    }

    @Test
    void failureTriesEveryStepEvenWhenTheStackSignalFails() {
        launchedByStack();
        stacks.failWith(new KafkaAasException(ExitCode.USAGE, "SignalResource was refused (AccessDenied)"));

        SignalReport report = signaller.signal(request(Outcome.FAILURE));

        assertThat(journal).hasSize(3);
        assertThat(report.steps()).extracting(LifecycleStep::status).containsExactly(
                LifecycleStep.Status.FAILED, LifecycleStep.Status.DONE, LifecycleStep.Status.DONE);
        assertThat(report.firstFailure().orElseThrow().detail()).contains("AccessDenied");
    }

    @Test
    void anInstanceOutsideAnyGroupOrStackSkipsEverything() {
        SignalReport report = signaller.signal(request(Outcome.FAILURE));

        assertThat(report.changed()).isFalse();
        assertThat(report.steps()).extracting(LifecycleStep::status).containsOnly(LifecycleStep.Status.SKIPPED);
        assertThat(journal).isEmpty();
    }

    @Test
    void optionsWinOverTags() {
        launchedByStack();
        SignalRequest r = new SignalRequest(ME, Outcome.SUCCESS, Optional.of("other"), Optional.empty(), Optional.empty(), Optional.empty());

        signaller.signal(r);

        assertThat(journal).contains("SignalResource other/Brokers i-0aaa SUCCESS");
    }

    @Test
    void aStackNameWithoutALogicalIdTagIsAUsageErrorBeforeAnyCall() {
        groups.member(ME, "g", "Pending:Wait").hook("g", "launch", LAUNCHING);
        SignalRequest r = new SignalRequest(ME, Outcome.FAILURE, Optional.of("kafka"), Optional.empty(), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> signaller.signal(r)).isInstanceOf(UsageException.class)
                .hasMessageContaining("aws:cloudformation:logical-id").hasMessageContaining("--logical-resource-id");
        assertThat(journal).isEmpty();
    }

    @Test
    void severalLaunchHooksNeedAnExplicitChoiceAndNothingIsChanged() {
        launchedByStack();
        groups.hook("kafka-Brokers-1", "someone-elses-launch", LAUNCHING);

        assertThatThrownBy(() -> signaller.signal(request(Outcome.FAILURE))).isInstanceOf(UsageException.class)
                .hasMessageContaining("kafka-launch, someone-elses-launch").hasMessageContaining("--lifecycle-hook");
        assertThat(journal).isEmpty();

        signaller.signal(new SignalRequest(ME, Outcome.SUCCESS, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("kafka-launch")));
        assertThat(journal).first().isEqualTo("CompleteLifecycleAction kafka-Brokers-1/kafka-launch i-0aaa CONTINUE");
    }

    @Test
    void anUnknownHookOrTheWrongGroupIsAUsageError() {
        launchedByStack();

        assertThatThrownBy(() -> signaller.signal(new SignalRequest(ME, Outcome.SUCCESS, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("kafka-terminate"))))
                .isInstanceOf(UsageException.class).hasMessageContaining("is not a " + LAUNCHING + " hook");
        assertThatThrownBy(() -> signaller.signal(new SignalRequest(ME, Outcome.SUCCESS, Optional.empty(), Optional.empty(),
                Optional.of("other-group"), Optional.empty())))
                .isInstanceOf(UsageException.class).hasMessageContaining("is in Auto Scaling group kafka-Brokers-1, not other-group");
        assertThat(journal).isEmpty();
    }

    @Test
    void onFailureATagLookupAwsCannotAnswerOnlyFailsTheStackSignal() {
        launchedByStack();
        LifecycleSignaller withoutTags = new LifecycleSignaller(stacks, groups, id -> {
            throw new KafkaAasException(ExitCode.USAGE, "DescribeInstances was refused (UnauthorizedOperation)");
        });

        SignalReport report = withoutTags.signal(request(Outcome.FAILURE));

        assertThat(report.steps()).extracting(LifecycleStep::status).containsExactly(
                LifecycleStep.Status.FAILED, LifecycleStep.Status.DONE, LifecycleStep.Status.DONE);
        assertThat(journal).containsExactly("SetInstanceHealth i-0aaa Unhealthy",
                "CompleteLifecycleAction kafka-Brokers-1/kafka-launch i-0aaa ABANDON");
    }

    @Test
    void onFailureAGroupLookupAwsCannotAnswerStillSignalsTheStack() {
        launchedByStack();
        FakeAutoScalingGroups unreachable = new FakeAutoScalingGroups(journal);
        LifecycleSignaller signallerWithoutGroups = new LifecycleSignaller(stacks, new AutoScalingGroups() {
            @Override
            public Optional<GroupMembership> membership(String instanceId) {
                throw new DependencyUnreachableException("DescribeAutoScalingInstances kept failing");
            }

            @Override
            public List<LifecycleHook> hooks(String groupName) {
                return unreachable.hooks(groupName);
            }

            @Override
            public boolean completeLifecycleAction(String g, String h, String i, String r) {
                return unreachable.completeLifecycleAction(g, h, i, r);
            }

            @Override
            public void setUnhealthy(String instanceId) {
                unreachable.setUnhealthy(instanceId);
            }
        }, id -> tags);

        SignalReport report = signallerWithoutGroups.signal(request(Outcome.FAILURE));

        assertThat(journal).containsExactly("SignalResource kafka/Brokers i-0aaa FAILURE");
        assertThat(report.steps()).extracting(LifecycleStep::status).containsExactly(
                LifecycleStep.Status.DONE, LifecycleStep.Status.FAILED, LifecycleStep.Status.FAILED);
        assertThat(report.firstFailure().orElseThrow().failure().orElseThrow().exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void onSuccessALookupFailureStopsBeforeAnyCall() {
        launchedByStack();
        LifecycleSignaller withoutTags = new LifecycleSignaller(stacks, groups, id -> {
            throw new DependencyUnreachableException("DescribeInstances kept failing");
        });

        assertThatThrownBy(() -> withoutTags.signal(request(Outcome.SUCCESS))).isInstanceOf(DependencyUnreachableException.class);
        assertThat(journal).isEmpty();
    }
}
