package io.kafkaaas.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaaas.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the CLI in-process, as a user would from the shell, and keeps what it printed. */
public record CliRun(int exitCode, String stdout, String stderr) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** An entry point of the CLI: the production {@link Main}, or the simulation jar's, which adds commands to it. */
    public interface EntryPoint {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    public static CliRun of(String... args) {
        return using(Main::run, args);
    }

    public static CliRun using(EntryPoint main, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static CliRun of(List<String> args) {
        return of(args.toArray(String[]::new));
    }

    public JsonNode json() {
        try {
            return MAPPER.readTree(stdout);
        } catch (IOException e) {
            throw new UncheckedIOException("stdout is not JSON: " + stdout + "\nstderr: " + stderr, e);
        }
    }

    /** The lines of stderr that are not log lines (log lines start with a timestamp). */
    public List<String> errorLines() {
        return stderr.lines().filter(l -> l.startsWith("kafka-aas:")).toList();
    }
}
