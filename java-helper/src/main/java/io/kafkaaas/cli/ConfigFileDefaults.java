package io.kafkaaas.cli;

import io.kafkaaas.core.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * --config FILE: option defaults from a properties file whose keys are long option names without dashes.
 * One file serves every command (Chef writes one per instance), so a key is valid when any command knows
 * it; a key no command knows is a typo and stops the run before anything happens.
 */
final class ConfigFileDefaults implements IDefaultValueProvider {
    private final Properties properties;

    private ConfigFileDefaults(Properties properties) {
        this.properties = properties;
    }

    /**
     * @param root         the run's tree (often its one command)
     * @param everyCommand every command, built only when the run's tree does not know a key of the file
     */
    static ConfigFileDefaults load(Path file, CommandLine root, Supplier<CommandLine> everyCommand) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("--config " + file + " cannot be read: " + e.getMessage());
        }
        Set<String> known = keys(root);
        if (!known.containsAll(properties.stringPropertyNames())) {
            known = keys(everyCommand.get());
        }
        for (String key : properties.stringPropertyNames()) {
            if (!known.contains(key)) {
                throw new UsageException("--config " + file + ": unknown key '" + key
                        + "'; keys are long option names without dashes, e.g. broker-count=3");
            }
        }
        return new ConfigFileDefaults(properties);
    }

    private static Set<String> keys(CommandLine root) {
        Set<String> keys = new TreeSet<>();
        collectKeys(root, keys);
        keys.remove("config");
        return keys;
    }

    private static void collectKeys(CommandLine commandLine, Set<String> keys) {
        for (OptionSpec option : commandLine.getCommandSpec().options()) {
            keys.add(key(option));
        }
        commandLine.getSubcommands().values().forEach(sub -> collectKeys(sub, keys));
    }

    private static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            String value = properties.getProperty(key(option));
            return value == null ? null : value.trim();
        }
        return null;
    }
}
