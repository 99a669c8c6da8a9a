package io.kafkaaas.simulation;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.render.KafkaMode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Kafka classpath the simulation starts brokers and probes from, one per mode, because Kafka 3.9 and 4.x cannot
 * share one: simulation-kafka/target/kafka-libs (Kafka 3.9, ZooKeeper mode) or simulation-kafka4/target/kafka-libs
 * (Kafka 4.x, KRaft) of the same checkout as the helper's jar (or classes), unless --kafka-libs names another directory.
 */
public final class KafkaLibs {
    static final String DEFAULT_RELATIVE = "simulation-kafka/target/kafka-libs";
    static final String KRAFT_RELATIVE = "simulation-kafka4/target/kafka-libs";

    private final Path dir;

    private KafkaLibs(Path dir) {
        this.dir = dir;
    }

    /** The directory must hold the launcher and a Kafka of the mode's major version: 3 for ZooKeeper mode, 4 for KRaft. */
    public static KafkaLibs locate(KafkaMode mode, Optional<Path> override) {
        String relative = mode == KafkaMode.kraft ? KRAFT_RELATIVE : DEFAULT_RELATIVE;
        String kafkaJar = mode == KafkaMode.kraft ? "kafka_2.13-4." : "kafka_2.13-3.";
        Path dir = override.map(p -> p.toAbsolutePath().normalize()).orElseGet(() -> besideTheHelper(relative));
        List<String> names;
        try (Stream<Path> jars = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            names = jars.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            names = List.of();
        }
        boolean kafka = names.stream().anyMatch(n -> n.startsWith(kafkaJar));
        boolean launcher = names.stream().anyMatch(n -> n.startsWith("simulation-kafka-") || n.startsWith("simulation-kafka4-"));
        if (!kafka || !launcher) {
            throw new UsageException("no Kafka " + (mode == KafkaMode.kraft ? "4.x" : "3.9") + " classpath for --kafka-mode " + mode
                    + " at " + dir + " (" + kafkaJar + "* and the simulation-kafka launcher jars); run"
                    + " ./mvnw -B -q package -DskipTests first, or pass --kafka-libs DIR");
        }
        return new KafkaLibs(dir);
    }

    /** simulation/target/kafka-aas-simulation.jar and simulation/target/classes both sit two levels under the checkout. */
    private static Path besideTheHelper(String relative) {
        try {
            Path location = Path.of(KafkaLibs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path checkout = location.toAbsolutePath().getParent().getParent().getParent();
            return checkout.resolve(relative).normalize();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of(relative).toAbsolutePath();
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
