package io.kafkaaas.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
    /**
     * The production commands by name, in the order of the help's command list. The names repeat each command's
     * {@code @Command(name)} (CommandTreeTest holds them equal): reading twelve annotations cost a run more than
     * the one command it models.
     */
    static final Map<String, Class<?>> COMMANDS = commands(
            "claim-id", ClaimIdCommand.class,
            "release-id", ReleaseIdCommand.class,
            "status", StatusCommand.class,
            "render", RenderCommand.class,
            "apply-network", ApplyNetworkCommand.class,
            "attach-eni", AttachEniCommand.class,
            "attach-volume", AttachVolumeCommand.class,
            "bootstrap", BootstrapCommand.class,
            "fetch-secrets", FetchSecretsCommand.class,
            "wait-healthy", WaitHealthyCommand.class,
            "signal", SignalCommand.class,
            "retire-id", RetireIdCommand.class);

    @Spec
    CommandSpec spec;

    private static Map<String, Class<?>> commands(Object... namesAndClasses) {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        for (int i = 0; i < namesAndClasses.length; i += 2) {
            commands.put((String) namesAndClasses[i], (Class<?>) namesAndClasses[i + 1]);
        }
        return Collections.unmodifiableMap(commands);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
