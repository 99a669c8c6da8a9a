package io.kafkaaas.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.List;

/** The root command: it only dispatches to subcommands, which {@link CommandTree} adds. */
@Command(name = "kafka-aas",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Boot-time helper of a self-healing Kafka cluster on an EC2 Auto Scaling Group.",
        footer = {"",
                "Exit codes: 0 ok, 1 internal error, 2 usage or configuration error (nothing changed),",
                "3 no eligible free broker id, 4 timed out waiting for an AWS resource or broker health,",
                "5 refused for data safety, 6 ZooKeeper/EC2/IMDS/Kafka unreachable after retries."})
public final class KafkaAasCommand implements Runnable {
    /** The production commands, in the order of the help's command list. */
    static final List<Class<?>> COMMANDS = List.of(
            ClaimIdCommand.class,
            ReleaseIdCommand.class,
            StatusCommand.class,
            RenderCommand.class,
            ApplyNetworkCommand.class,
            AttachEniCommand.class,
            AttachVolumeCommand.class,
            BootstrapCommand.class,
            FetchSecretsCommand.class,
            WaitHealthyCommand.class,
            SignalCommand.class,
            RetireIdCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
