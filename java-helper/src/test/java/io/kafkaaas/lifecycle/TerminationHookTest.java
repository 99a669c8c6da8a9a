package io.kafkaaas.lifecycle;

import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.testing.FakeAutoScalingGroups;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.kafkaaas.lifecycle.LifecycleHook.LAUNCHING;
import static io.kafkaaas.lifecycle.LifecycleHook.TERMINATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TerminationHookTest {
    private final FakeAutoScalingGroups groups = new FakeAutoScalingGroups()
            .hook("g", "launch", LAUNCHING).hook("g", "terminate", TERMINATING);
    private final TerminationHook hook = new TerminationHook(groups);

    @Test
    void completesTheTerminationHookWithContinueOnceAndThenReportsUnchanged() {
        groups.member("i-1", "g", "Terminating:Wait");
        TerminationHook.Plan plan = hook.plan("i-1", Optional.empty(), Optional.empty());

        assertThat(hook.complete(plan).status()).isEqualTo(LifecycleStep.Status.DONE);
        assertThat(groups.mutations()).containsExactly("CompleteLifecycleAction g/terminate i-1 CONTINUE");
        assertThat(hook.complete(plan).status()).isEqualTo(LifecycleStep.Status.UNCHANGED);
    }

    @Test
    void anInstanceInServiceOrOutsideAGroupIsSkipped() {
        groups.member("i-1", "g", "InService");

        assertThat(hook.complete(hook.plan("i-1", Optional.empty(), Optional.empty())).status()).isEqualTo(LifecycleStep.Status.SKIPPED);
        assertThat(hook.complete(hook.plan("i-2", Optional.empty(), Optional.empty())).status()).isEqualTo(LifecycleStep.Status.SKIPPED);
        assertThat(groups.mutations()).isEmpty();
    }

    @Test
    void theLaunchHookIsNeverMistakenForTheTerminationHook() {
        groups.member("i-1", "g", "Terminating:Wait");

        assertThatThrownBy(() -> hook.plan("i-1", Optional.empty(), Optional.of("launch")))
                .isInstanceOf(UsageException.class).hasMessageContaining("is not a " + TERMINATING + " hook of Auto Scaling group g");
    }

    @Test
    void aFailedCompletionIsReportedAsAFailedStep() {
        groups.member("i-1", "g", "Terminating:Wait").failCompletionWith(new DependencyUnreachableException("throttled"));

        LifecycleStep step = hook.complete(hook.plan("i-1", Optional.empty(), Optional.empty()));

        assertThat(step.status()).isEqualTo(LifecycleStep.Status.FAILED);
        assertThat(step.failure()).get().isInstanceOf(DependencyUnreachableException.class);
    }
}
