package io.kafkaaas.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * the same jar (or classes) this simulation runs from, its own IMDS endpoint, and AWS credentials that the
 * local cloud accepts. stdout must be one JSON object; stderr goes to the instance's log.
 */
public final class HelperCli {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ChildProcesses children;

    public HelperCli(ChildProcesses children) {
        this.children = children;
    }

    /** The classpath this JVM runs from (the shaded jar, or target/classes in tests), made absolute. */
    static String ownClasspath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    public JsonNode run(SimulatedHost host, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ChildProcesses.java(), "-XX:TieredStopAtLevel=1",
                "-cp", ownClasspath(), "io.kafkaaas.cli.Main"));
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
