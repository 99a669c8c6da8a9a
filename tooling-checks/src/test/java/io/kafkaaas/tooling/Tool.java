package io.kafkaaas.tooling;

import io.kafkaaas.testing.Requirements;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external checker (packer, shellcheck, ruby, rubocop, cfn-lint) and keeps its exit code and output. */
record Tool(int exitCode, String output) {

    static Tool run(Path dir, List<String> command) {
        return run(dir, Map.of(), command);
    }

    static Tool run(Path dir, Map<String, String> env, List<String> command) {
        Path executable = Path.of(command.get(0));
        if (executable.isAbsolute()) {
            Requirements.require(Files.isExecutable(executable), executable + " is not an executable file");
        } else {
            Requirements.requireTool(command.get(0));
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            // Debian's packer phones home for update checks unless told not to.
            builder.environment().put("CHECKPOINT_DISABLE", "1");
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Tool(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Tool run(Path dir, String... command) {
        return run(dir, List.of(command));
    }

    static List<String> command(String tool, List<?> args) {
        List<String> command = new ArrayList<>(List.of(tool));
        args.forEach(a -> command.add(a.toString()));
        return command;
    }

    boolean ok() {
        return exitCode == 0;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ":\n" + output;
    }
}
