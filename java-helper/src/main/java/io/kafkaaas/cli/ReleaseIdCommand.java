package io.kafkaaas.cli;

import io.kafkaaas.claim.ReleaseResult;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.lifecycle.LifecycleStep;
import io.kafkaaas.lifecycle.TerminationHook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

@Command(name = "release-id", mixinStandardHelpOptions = true,
        header = "Release this instance's broker-id claim, e.g. at termination.",
        description = {"Delete this instance's claim (compare-and-delete), so its id is free at once. With --claim-store eni",
                "it detaches nothing: EC2 releases the ENI, and so the id, when the instance terminates.",
                "Run it from the ASG termination lifecycle hook or at shutdown. With --complete-lifecycle-action it then"
                        + " completes the termination hook (CONTINUE) when the instance is in Terminating:Wait."})
final class ReleaseIdCommand extends HelperCommand {
    @Mixin
    ZooKeeperOptions zk = new ZooKeeperOptions();
    @Mixin
    ClaimStoreOptions store = new ClaimStoreOptions();
    @Mixin
    KafkaModeOption kafka = new KafkaModeOption();
    @Mixin
    AwsOptions aws = new AwsOptions();
    @Mixin
    AutoScalingOptions autoScaling = new AutoScalingOptions();

    @Option(names = "--complete-lifecycle-action",
            description = "After releasing, complete this instance's termination lifecycle hook with CONTINUE"
                    + " (only when it is in Terminating:Wait; the hook is completed even when the release failed).")
    boolean completeLifecycleAction;

    @Override
    protected CommandResult execute() {
        ClaimStores stores = ClaimStores.choose(store, kafka.mode(), zk, false, w -> warn(List.of(w)));
        autoScaling.validate();
        try (Adapters adapters = new Adapters(aws);
             LifecycleAdapters lifecycle = new LifecycleAdapters(adapters, autoScaling.endpoint(), Optional.empty())) {
            String instanceId = adapters.identity().instanceId();
            Optional<TerminationHook> hook = completeLifecycleAction
                    ? Optional.of(new TerminationHook(lifecycle.autoScalingGroups())) : Optional.empty();
            Optional<TerminationHook.Plan> plan = hook.map(h -> h.plan(instanceId, autoScaling.group(), autoScaling.hook()));

            ReleaseResult result;
            try {
                result = stores.release(adapters, instanceId, Clock.systemUTC());
            } catch (KafkaAasException releaseFailed) {
                // The instance goes away regardless; holding the group until the heartbeat timeout helps nobody.
                hook.ifPresent(h -> h.complete(plan.orElseThrow()));
                throw releaseFailed;
            }
            Optional<LifecycleStep> step = hook.map(h -> h.complete(plan.orElseThrow()));
            step.ifPresent(s -> SignalCommand.failIfAnyStepFailed(List.of(s)));
            return new ReleaseView(instanceId, stores.kind(), result, step);
        }
    }
}
