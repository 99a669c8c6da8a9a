package io.kafkaaas.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * The picocli tree of a run. A run of one command (every boot's `bootstrap`, every unit's call) models that command
 * alone: picocli reflects over every option of every command it is given, which was a quarter of a bootstrap
 * re-run's start-up (bench/startup-appcds.sh). Anything else (no command, --help, --version, a misspelt command)
 * gets every command, so the usage, the command list and picocli's "did you mean" stay whole.
 */
final class CommandTree {
    private final List<Object> addedCommands;

    /** @param addedCommands commands another distribution adds (the simulation jar's simulate and local-cloud) */
    CommandTree(List<Object> addedCommands) {
        this.addedCommands = List.copyOf(addedCommands);
    }

    /** The tree for these arguments: only the command named first when there is one, else every command. */
    CommandLine forArgs(String[] args) {
        String first = args.length == 0 ? "" : args[0];
        Class<?> production = KafkaAasCommand.COMMANDS.get(first);
        if (production != null) {
            return build(List.of(production));
        }
        for (Object added : addedCommands) {
            if (name(added).equals(first)) {
                return build(List.of(added));
            }
        }
        return build(commands());
    }

    /** Every command: what a config file's keys are checked against when the chosen command does not know one. */
    CommandLine everyCommand() {
        return build(commands());
    }

    private List<Object> commands() {
        List<Object> all = new ArrayList<>(KafkaAasCommand.COMMANDS.values());
        all.addAll(addedCommands);
        return all;
    }

    private static CommandLine build(List<Object> commands) {
        CommandLine root = new CommandLine(new KafkaAasCommand());
        commands.forEach(root::addSubcommand);
        return root;
    }

    private static String name(Object command) {
        return command.getClass().getAnnotation(Command.class).name();
    }
}
