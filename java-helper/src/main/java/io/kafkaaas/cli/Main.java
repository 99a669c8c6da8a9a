package io.kafkaaas.cli;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Entry point. Maps every failure onto the contract: one line on stderr naming the resource and the fix,
 * the exit code of DESIGN.md, and in json mode one error object on stdout. Stack traces only with --verbose.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, List.of());
    }

    /**
     * The CLI with commands another distribution adds (the simulation jar adds simulate and local-cloud),
     * under the same contract: options, config file, one-line errors and exit codes.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, List<Object> addedCommands) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        boolean json = wantsJson(args);
        Logging.configure(verbose);
        Prewarm prewarm = Prewarm.start(args);

        PrintWriter stdout = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter stderr = new PrintWriter(err, true, StandardCharsets.UTF_8);
        // The subcommands come first: the settings below reach only the subcommands present when they are set.
        CommandTree tree = new CommandTree(addedCommands);
        CommandLine commandLine = tree.forArgs(args);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true)
                // Wrappers append overrides to a base command line: the last occurrence wins, as in most tools.
                .setOverwrittenOptionsAllowed(true)
                .setOut(stdout)
                .setErr(stderr);
        // Like the settings above, a converter reaches only the subcommands present when it is registered.
        ValueConverters.register(commandLine);
        commandLine.getSubcommands().values().forEach(sub -> {
            if (sub.getCommand() instanceof HelperCommand command) {
                command.prewarm = prewarm;
            }
        });
        commandLine.setParameterExceptionHandler((ex, ignored) -> {
            String help = ex.getCommandLine().getCommandSpec().qualifiedName() + " --help";
            return fail(stdout, stderr, json, ExitCode.USAGE.code(), oneLine(ValueConverters.message(ex)) + " (see '" + help + "')");
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof ParameterException pe) {
                return commandLine.getParameterExceptionHandler().handleParseException(pe, args);
            }
            int code = ex instanceof KafkaAasException k ? k.exitCode().code() : ExitCode.INTERNAL.code();
            String message = ex instanceof KafkaAasException ? ex.getMessage()
                    : "internal error: " + ex + "; rerun with --verbose and report it";
            if (verbose) {
                ex.printStackTrace(stderr);
            }
            Map<String, Object> details = ex instanceof KafkaAasException k ? k.details() : Map.of();
            return fail(stdout, stderr, json, code, cmd.getCommandSpec().name() + ": " + oneLine(message), details);
        });

        try {
            Path config = configFile(args);
            if (config != null) {
                commandLine.setDefaultValueProvider(ConfigFileDefaults.load(config, commandLine, tree::everyCommand));
            }
        } catch (KafkaAasException e) {
            return fail(stdout, stderr, json, e.exitCode().code(), oneLine(e.getMessage()));
        }
        try {
            return commandLine.execute(args);
        } catch (Throwable t) {
            if (verbose) {
                t.printStackTrace(stderr);
            }
            return fail(stdout, stderr, json, ExitCode.INTERNAL.code(),
                    "internal error: " + oneLine(t.toString()) + "; rerun with --verbose and report it");
        }
    }

    private static int fail(PrintWriter stdout, PrintWriter stderr, boolean json, int code, String message) {
        return fail(stdout, stderr, json, code, message, Map.of());
    }

    private static int fail(PrintWriter stdout, PrintWriter stderr, boolean json, int code, String message,
                            Map<String, Object> details) {
        stderr.println("kafka-aas: " + message);
        stderr.flush();
        if (json) {
            stdout.println(ResultPrinter.errorJson(code, message, details));
            stdout.flush();
        }
        return code;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    private static boolean wantsJson(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equalsIgnoreCase("--output=json")
                    || (args[i].equals("--output") && i + 1 < args.length && args[i + 1].equalsIgnoreCase("json"))) {
                return true;
            }
        }
        return false;
    }

    private static Path configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
        }
        return null;
    }
}
