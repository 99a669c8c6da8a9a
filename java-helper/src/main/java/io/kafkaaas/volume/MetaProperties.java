package io.kafkaaas.volume;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Port: Kafka's meta.properties in a log directory (broker.id / node.id, cluster.id). */
public interface MetaProperties {
    /** The properties, or empty when the log directory has no meta.properties (a new or empty volume). */
    Optional<Map<String, String>> read(Path logDir);

    static Path fileIn(Path logDir) {
        return logDir.resolve("meta.properties");
    }
}
