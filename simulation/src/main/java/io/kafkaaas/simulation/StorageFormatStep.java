package io.kafkaaas.simulation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * KRaft only: the recipe's {@code execute 'kafka-storage format'} for a simulated instance. Like the recipe it runs only
 * when the log directory has no meta.properties (a new volume), with the cluster id of the rendered environment file
 * and the rendered server.properties, through Kafka's own StorageTool (what the kafka-storage script runs). A
 * reattached volume is left as it is, so its meta.properties keeps its node.id and directory.id.
 */
final class StorageFormatStep {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** What the step did: formatted, or skipped because the volume already carries meta.properties. */
    record Outcome(int exitCode, String detail) {
    }

    private StorageFormatStep() {
    }

    /** The first log directory of the rendered server.properties: the recipe's data log_dir. */
    static Path logDir(Path serverProperties) throws IOException {
        String dirs = load(serverProperties).getProperty("log.dirs", "").strip();
        if (dirs.isEmpty()) {
            throw new IOException(serverProperties + " has no log.dirs; bootstrap must render it from --log-dir");
        }
        return Path.of(dirs.split(",")[0].strip());
    }

    /** meta.properties of a log directory, empty when the directory was never formatted. */
    static Properties metaProperties(Path logDir) throws IOException {
        Path meta = logDir.resolve("meta.properties");
        return Files.isRegularFile(meta) ? load(meta) : new Properties();
    }

    static Outcome run(ChildProcesses children, KafkaLibs libs, Path serverProperties, KafkaEnvironment environment, Path log)
            throws IOException, InterruptedException {
        Path logDir = logDir(serverProperties);
        Properties meta = metaProperties(logDir);
        if (!meta.isEmpty()) {
            return new Outcome(0, "skipped: " + logDir.resolve("meta.properties") + " exists (node.id " + meta.getProperty("node.id")
                    + ", directory.id " + meta.getProperty("directory.id") + ")");
        }
        String clusterId = Optional.ofNullable(environment.variables().get("KAFKA_CLUSTER_ID")).filter(s -> !s.isBlank())
                .orElseThrow(() -> new IOException(environment.file() + " has no KAFKA_CLUSTER_ID; bootstrap must render it (--cluster-id)"));
        List<String> command = new ArrayList<>(List.of(ChildProcesses.java(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-Dlog4j.configuration=kafka-aas-probe-log4j.properties", "-cp", libs.classpath(), "kafka.tools.StorageTool",
                "format", "--ignore-formatted", "-t", clusterId, "-c", serverProperties.toString()));
        Process p = children.start(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
        try {
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Outcome(4, "kafka-storage format did not finish within " + TIMEOUT.toSeconds() + " s; see " + log);
            }
        } finally {
            ChildProcesses.stop(p, Duration.ofSeconds(1));
            children.forget(p);
        }
        if (p.exitValue() != 0) {
            return new Outcome(p.exitValue(), "kafka-storage format exited " + p.exitValue() + "; see " + log);
        }
        Properties formatted = metaProperties(logDir);
        return new Outcome(0, "formatted " + logDir + " for cluster " + clusterId + " (node.id " + formatted.getProperty("node.id")
                + ", directory.id " + formatted.getProperty("directory.id") + ")");
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
