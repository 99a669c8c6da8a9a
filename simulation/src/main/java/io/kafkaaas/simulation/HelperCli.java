package io.kafkaaas.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    public HelperCli(ChildProcesses children) {
        this.children = children;
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

    public JsonNode run(SimulatedHost host, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ChildProcesses.java(), "-XX:TieredStopAtLevel=1",
                "-cp", childClasspath(), Main.class.getName()));
        command.addAll(args);
        command.addAll(List.of("--ec2-endpoint", host.ec2Endpoint().toString(), "--imds-endpoint", host.imdsEndpoint().toString(),
                "--output", "json"));
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
            JsonNode json = out.isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(out);
            if (code != 0) {
                throw new KafkaAasException(ExitCode.INTERNAL, "kafka-aas " + args.get(0) + " on " + host.instanceId()
                        + " exited " + code + ": " + json.path("error").asText("(no message)") + "; see " + log);
            }
            return json;
        } finally {
            children.forget(p);
        }
    }
}
