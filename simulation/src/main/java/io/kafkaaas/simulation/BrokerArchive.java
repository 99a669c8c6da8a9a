package io.kafkaaas.simulation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An AppCDS archive of the Kafka broker's classes, for the brokers that start after the first ones (replacements)
 * and the probes: the first broker lists the classes it loads (-XX:DumpLoadedClassList) while it boots and serves
 * the first records, and once the cluster is up the simulation dumps them into a static archive. A broker that
 * maps it loads most of its classes from it, as the helper does with the bake's archive; the AMI's broker could
 * use one the same way (KAFKA_OPTS in the environment file).
 * Without the archive (its dump failed) everything runs as before, only slower.
 */
final class BrokerArchive {
    private final Path dir;
    private final AtomicBoolean listing = new AtomicBoolean();
    private volatile Path archive;

    BrokerArchive(Path dir) {
        this.dir = dir;
    }

    /** The JVM flags of a broker or a probe: map the archive when it exists, or (the first broker) list what loads. */
    List<String> flags(boolean broker) throws IOException {
        Path built = archive;
        if (built != null) {
            return List.of("-XX:SharedArchiveFile=" + built);
        }
        if (broker && listing.compareAndSet(false, true)) {
            Files.createDirectories(dir);
            return List.of("-XX:DumpLoadedClassList=" + classList());
        }
        return List.of();
    }

    private Path classList() {
        return dir.resolve("kafka-broker.classlist");
    }

    /**
     * Dumps the archive from what the first broker listed so far (its file still grows: only whole lines count).
     *
     * @return why there is no archive, when the dump failed; the simulation goes on without it
     */
    Optional<String> build(String classpath, Duration timeout) throws IOException, InterruptedException {
        if (!Files.isRegularFile(classList())) {
            return Optional.of("no broker listed its classes at " + classList());
        }
        String listed = Files.readString(classList(), StandardCharsets.UTF_8);
        Path snapshot = dir.resolve("kafka-broker.classlist.snapshot");
        Files.writeString(snapshot, listed.substring(0, listed.lastIndexOf('\n') + 1), StandardCharsets.UTF_8);
        Path partial = dir.resolve("kafka-broker.jsa.part");
        Path log = dir.resolve("kafka-broker-dump.log");
        List<String> command = new ArrayList<>(List.of(ChildProcesses.java(), "-Xshare:dump", "-XX:+UseG1GC",
                "-XX:SharedClassListFile=" + snapshot, "-XX:SharedArchiveFile=" + partial, "-cp", classpath));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            return Optional.of("the dump did not finish within " + timeout.toSeconds() + " s; see " + log);
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(partial)) {
            return Optional.of("the dump exited " + p.exitValue() + "; see " + log);
        }
        Path done = dir.resolve("kafka-broker.jsa");
        Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        archive = done;
        return Optional.empty();
    }

    Path path() {
        return dir.resolve("kafka-broker.jsa");
    }
}
