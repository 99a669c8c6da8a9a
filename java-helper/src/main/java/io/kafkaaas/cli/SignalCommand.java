package io.kafkaaas.cli;

import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.lifecycle.LifecycleSignaller;
import io.kafkaaas.lifecycle.LifecycleStep;
import io.kafkaaas.lifecycle.Outcome;
import io.kafkaaas.lifecycle.SignalReport;
import io.kafkaaas.lifecycle.SignalRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.stream.Collectors;

@Command(name = "signal", mixinStandardHelpOptions = true,
        header = "Tell CloudFormation and the Auto Scaling group how the boot went.",
        description = {"Tell CloudFormation and the Auto Scaling group how this instance's boot went.",
                "--success completes the launch lifecycle hook (CONTINUE), then sends SignalResource SUCCESS.",
                "--failure sends SignalResource FAILURE, sets the instance Unhealthy and completes the launch hook with"
                        + " ABANDON, so the group replaces the instance.",
                "--waiting (bootstrap found no free id, exit 3) completes the launch hook with CONTINUE and sends no stack"
                        + " signal: the instance stays in service as a standby without Kafka, and the group does not replace it.",
                "Steps that do not apply (no stack tags, not held by a hook) are skipped; re-running changes nothing."})
final class SignalCommand extends HelperCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    OutcomeFlags outcome;
    @Mixin
    StackOptions stack = new StackOptions();
    @Mixin
    AutoScalingOptions autoScaling = new AutoScalingOptions();
    @Mixin
    AwsOptions aws = new AwsOptions();

    static final class OutcomeFlags {
        @Option(names = "--success", required = true, description = "The boot worked: let the instance into service.")
        boolean success;
        @Option(names = "--failure", required = true, description = "The boot failed: have the instance replaced.")
        boolean failure;
        @Option(names = "--waiting", required = true,
                description = "No free id (bootstrap exit 3): keep the instance in service as a standby, not replaced.")
        boolean waiting;

        Outcome outcome() {
            return success ? Outcome.SUCCESS : waiting ? Outcome.WAITING : Outcome.FAILURE;
        }
    }

    @Override
    protected CommandResult execute() {
        stack.validate();
        autoScaling.validate();
        aws.settings();
        try (Adapters adapters = new Adapters(aws);
             LifecycleAdapters lifecycle = new LifecycleAdapters(adapters, autoScaling.endpoint(), stack.endpoint())) {
            String instanceId = adapters.identity().instanceId();
            SignalRequest request = new SignalRequest(instanceId, outcome.outcome(), stack.stackName(), stack.logicalResourceId(),
                    autoScaling.group(), autoScaling.hook());
            SignalReport report = new LifecycleSignaller(lifecycle.stackSignals(), lifecycle.autoScalingGroups(),
                    lifecycle.instanceTags()).signal(request);
            failIfAnyStepFailed(report.steps());
            return new SignalView(report);
        }
    }

    /** One line: the first failure (its exit code wins) and what the other steps did. */
    static void failIfAnyStepFailed(List<LifecycleStep> steps) {
        LifecycleStep first = steps.stream().filter(s -> s.status() == LifecycleStep.Status.FAILED).findFirst().orElse(null);
        if (first == null) {
            return;
        }
        KafkaAasException cause = first.failure().orElseThrow();
        String others = steps.stream().filter(s -> s != first)
                .map(s -> s.action() + ": " + s.statusLabel()).collect(Collectors.joining(", "));
        throw new KafkaAasException(cause.exitCode(), cause.getMessage() + (others.isEmpty() ? "" : " [other steps: " + others + "]"), cause);
    }
}
