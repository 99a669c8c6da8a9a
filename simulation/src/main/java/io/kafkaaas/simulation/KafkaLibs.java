package io.kafkaaas.simulation;

import io.kafkaaas.core.UsageException;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Kafka 3.9 classpath the simulation starts brokers and probes from: simulation-kafka/target/kafka-libs
 * of the same checkout as the helper's jar (or classes), unless --kafka-libs names another directory.
 */
public final class KafkaLibs {
    static final String DEFAULT_RELATIVE = "simulation-kafka/target/kafka-libs";

    private final Path dir;

    private KafkaLibs(Path dir) {
        this.dir = dir;
    }

    public static KafkaLibs locate(Optional<Path> override) {
        Path dir = override.map(p -> p.toAbsolutePath().normalize()).orElseGet(KafkaLibs::besideTheHelper);
        boolean complete;
        try (Stream<Path> jars = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            complete = jars.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("kafka_2.13-") || n.startsWith("simulation-kafka-")).count() == 2;
        } catch (IOException e) {
            complete = false;
        }
        if (!complete) {
            throw new UsageException("no Kafka classpath at " + dir + " (kafka_2.13 and simulation-kafka jars); run"
                    + " ./mvnw -B -q package -DskipTests first, or pass --kafka-libs DIR");
        }
        return new KafkaLibs(dir);
    }

    /** simulation/target/kafka-aas-simulation.jar and simulation/target/classes both sit two levels under the checkout. */
    private static Path besideTheHelper() {
        try {
            Path location = Path.of(KafkaLibs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path checkout = location.toAbsolutePath().getParent().getParent().getParent();
            return checkout.resolve(DEFAULT_RELATIVE).normalize();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of(DEFAULT_RELATIVE).toAbsolutePath();
        }
    }

    public Path dir() {
        return dir;
    }

    /** A -cp value the JVM expands itself. */
    public String classpath() {
        return dir + "/*";
    }
}
