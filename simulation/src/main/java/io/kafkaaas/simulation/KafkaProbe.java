package io.kafkaaas.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the data-plane probe (io.kafkaaas.simkafka.Probe) in the Kafka classpath as a short-lived JVM and
 * reads its one JSON line: await-brokers, create-topic, produce, describe (under-replicated partitions, record count),
 * produce-and-describe, wait-in-sync,
 * and in KRaft mode wait-quorum.
 */
public final class KafkaProbe {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ChildProcesses children;
    private final KafkaLibs libs;
    private final BrokerArchive archive;
    private final Path logDir;
    private final java.util.Optional<Path> clientConfig;

    /** @param clientConfig client security settings (TLS, SASL) for every command, from a properties file */
    public KafkaProbe(ChildProcesses children, KafkaLibs libs, BrokerArchive archive, Path logDir, java.util.Optional<Path> clientConfig) {
        this.children = children;
        this.libs = libs;
        this.archive = archive;
        this.logDir = logDir;
        this.clientConfig = clientConfig;
    }

    /** Reads the topic from the start, counting records until {@code expected} came back. */
    public JsonNode consume(String bootstrap, String topic, long expected, Duration timeout) {
        return run(timeout.plusSeconds(30), "consume", bootstrap, topic, String.valueOf(expected), String.valueOf(timeout.toSeconds()));
    }

    /** Waits until every broker's metadata lists every broker, so replicas can be placed on all of them. */
    public JsonNode awaitBrokers(String bootstrap, List<Integer> brokerIds, Duration timeout) {
        return run(timeout.plusSeconds(30), "await-brokers", bootstrap,
                brokerIds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")),
                String.valueOf(timeout.toSeconds()));
    }

    public JsonNode createTopic(String bootstrap, String topic, int partitions, int replication, int minIsr) {
        return run(Duration.ofSeconds(60), "create-topic", bootstrap, topic, String.valueOf(partitions),
                String.valueOf(replication), String.valueOf(minIsr));
    }

    public JsonNode throttle(String bootstrap, String topic, long bytesPerSecond) {
        return run(Duration.ofSeconds(60), "throttle", bootstrap, topic, String.valueOf(bytesPerSecond));
    }

    public JsonNode produce(String bootstrap, String topic, long records, int size) {
        return run(Duration.ofMinutes(10), "produce", bootstrap, topic, String.valueOf(records), String.valueOf(size));
    }

    /**
     * Produces the records, then describes the cluster as {@link #describe} does, in one client JVM: the produce's
     * figures and, under "cluster", what the describe saw after the last record was acknowledged.
     */
    public JsonNode produceAndDescribe(String bootstrap, String topic, long records, int size) {
        return run(Duration.ofMinutes(10), "produce-and-describe", bootstrap, topic, String.valueOf(records), String.valueOf(size));
    }

    public JsonNode describe(String bootstrap, String topic) {
        return run(Duration.ofSeconds(60), "describe", bootstrap, topic);
    }

    public JsonNode waitInSync(String bootstrap, String topic, int brokerId, Duration timeout) {
        return run(timeout.plusSeconds(30), "wait-in-sync", bootstrap, topic, String.valueOf(brokerId),
                String.valueOf(timeout.toSeconds()));
    }

    /** KRaft: waits until the metadata quorum has a leader and the given voters, all caught up; returns leader, voters and lag. */
    public JsonNode waitQuorum(String bootstrap, List<Integer> voterIds, Duration timeout) {
        return run(timeout.plusSeconds(30), "wait-quorum", bootstrap,
                voterIds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")),
                String.valueOf(timeout.toSeconds()));
    }

    private JsonNode run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(ChildProcesses.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        try {
            command.addAll(archive.flags(false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        command.add("-Dlog4j.configuration=kafka-aas-probe-log4j.properties");
        clientConfig.ifPresent(c -> command.add("-Dkafkaaas.client.config=" + c.toAbsolutePath()));
        command.addAll(List.of("-cp", libs.classpath(), "io.kafkaaas.simkafka.Probe"));
        command.addAll(List.of(args));
        Path err = logDir.resolve("probe-" + args[0] + ".log");
        Process p = null;
        try {
            p = children.start(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(err.toFile())));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new KafkaAasException(ExitCode.INTERNAL, "probe " + args[0] + " did not finish within " + timeout.toSeconds()
                        + " s; see " + err);
            }
            if (p.exitValue() != 0 || out.isEmpty()) {
                throw new KafkaAasException(ExitCode.INTERNAL, "probe " + args[0] + " failed (exit " + p.exitValue() + "): "
                        + lastLine(err) + "; see " + err);
            }
            return MAPPER.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
        } catch (IOException e) {
            throw new KafkaAasException(ExitCode.INTERNAL, "probe " + args[0] + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAasException(ExitCode.INTERNAL, "interrupted while probe " + args[0] + " ran", e);
        } finally {
            if (p != null) {
                ChildProcesses.stop(p, Duration.ofSeconds(1));
                children.forget(p);
            }
        }
    }

    private static String lastLine(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .reduce((a, b) -> b).orElse("(no output)");
        } catch (IOException e) {
            return "(no output)";
        }
    }
}
