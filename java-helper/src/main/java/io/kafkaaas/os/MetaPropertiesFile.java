package io.kafkaaas.os;

import io.kafkaaas.core.DataSafetyException;
import io.kafkaaas.volume.MetaProperties;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/** Reads Kafka's meta.properties; one we cannot read counts as one we cannot trust. */
public final class MetaPropertiesFile implements MetaProperties {
    @Override
    public Optional<Map<String, String>> read(Path logDir) {
        Path file = MetaProperties.fileIn(logDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new DataSafetyException("cannot read " + file + ": " + e.getMessage()
                    + "; refusing to start a broker on a volume whose identity is unknown: inspect it by hand");
        }
        Map<String, String> map = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        return Optional.of(map);
    }
}
