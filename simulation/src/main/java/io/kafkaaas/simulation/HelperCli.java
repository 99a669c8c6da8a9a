package io.kafkaaas.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaaas.cli.LauncherFlags;
import io.kafkaaas.cli.Main;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the kafka-aas CLI as its own process, as an instance's boot unit does: a fresh JVM per command, with
 * its own IMDS endpoint and AWS credentials that the local cloud accepts. stdout must be one JSON object;
 * stderr goes to the instance's log. The child runs the production jar's own Main, with this module added
 * only for its storage platform (directories standing in for disks), so what is proven is the production code.
 */
public final class HelperCli {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ChildProcesses children;
    private final HelperArchives archives;

    /** @param archives where the helper commands' AppCDS archives are trained and kept (the workdir) */
    public HelperCli(ChildProcesses children, Path archives) {
        this.children = children;
        this.archives = new HelperArchives(archives);
    }

    /**
     * The production jar (where {@link Main} comes from) and this module's jar. Run from classes (a test, an IDE),
     * where the production classes come without their libraries, it is this JVM's own classpath.
     */
    static String childClasspath() {
        Path production = codeSource(Main.class);
        Path simulation = codeSource(HelperCli.class);
        if (Files.isRegularFile(production) && Files.isRegularFile(simulation)) {
            return production + java.io.File.pathSeparator + simulation;
        }
        return ownClasspath();
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    /** The classpath this JVM runs from, made absolute. */
    static String ownClasspath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** AppCDS needs jars on the class path: run from classes (a test, an IDE), the helpers go without. */
    private static boolean archivable(String classpath) {
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                return false;
            }
        }
        return true;
    }

    /** What one helper run left: its exit code and its one JSON object (with "error" when it failed). */
    public record Run(String command, int exitCode, JsonNode json, Path log) {
        public boolean ok() {
            return exitCode == 0;
        }

        public String error() {
            return json.path("error").asText("(no message)");
        }
    }

    /** Runs the command; a non-zero exit becomes an exception that names the command, the instance and the log. */
    public JsonNode run(SimulatedHost host, List<String> args) throws IOException, InterruptedException {
        Run run = call(host, args);
        if (!run.ok()) {
            throw new KafkaAasException(ExitCode.INTERNAL, "kafka-aas " + run.command() + " on " + host.instanceId()
                    + " exited " + run.exitCode() + ": " + run.error() + "; see " + run.log());
        }
        return run.json();
    }

    /** Runs the command and reports how it ended, as a boot script sees it (the exit code decides what comes next). */
    public Run call(SimulatedHost host, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ChildProcesses.java()));
        command.addAll(LauncherFlags.all()); // the shipped launcher's flags: what the simulation measures is what ships
        String classpath = childClasspath();
        HelperArchives.Use archive = archivable(classpath) ? archives.use(args.get(0)) : null;
        if (archive != null) {
            command.addAll(archive.flags());
        }
        command.addAll(List.of("-cp", classpath, Main.class.getName()));
        command.addAll(args);
        command.addAll(List.of("--output", "json"));
        Files.createDirectories(host.logDir());
        Path log = host.logDir().resolve("kafka-aas.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.remove("AWS_PROFILE");
        Files.writeString(log, "$ kafka-aas " + String.join(" ", args) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process p = children.start(builder);
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int code = p.waitFor();
            if (archive != null) {
                archives.exited(archive);
            }
            JsonNode json = out.isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(out);
            return new Run(args.get(0), code, json, log);
        } finally {
            children.forget(p);
        }
    }
}
