package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The operator's broker settings (Chef attributes): a properties file, then --set key=value on top. They
 * replace kafka-aas's defaults, but never the keys that carry this broker's identity, which come from
 * the claim and the ENI: overriding those would let a broker come up under an id it does not hold.
 */
public final class BrokerSettings {
    /** Keys set from dedicated options; the message says which option to use instead. */
    static final Map<String, String> IDENTITY_KEYS = Map.of(
            "broker.id", "--broker-id",
            "node.id", "--broker-id",
            "broker.rack", "--availability-zone",
            "log.dirs", "--log-dir",
            "log.dir", "--log-dir",
            "zookeeper.connect", "--zookeeper",
            "process.roles", "--process-roles",
            "controller.quorum.voters", "--controller-voters");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    private final Map<String, String> values;

    private BrokerSettings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static BrokerSettings none() {
        return new BrokerSettings(new LinkedHashMap<>());
    }

    /**
     * @param propertiesFile extra broker settings, may be null
     * @param sets           --set arguments in command-line order; a later one wins
     */
    public static BrokerSettings of(Path propertiesFile, List<String> sets) {
        Map<String, String> values = new LinkedHashMap<>();
        if (propertiesFile != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException("--properties-file " + propertiesFile + " cannot be read: " + e.getMessage());
            }
            for (String key : new TreeSet<>(file.stringPropertyNames())) {
                values.put(checkKey("--properties-file " + propertiesFile + ":", key), file.getProperty(key));
            }
        }
        for (String set : sets == null ? List.<String>of() : sets) {
            int eq = set.indexOf('=');
            if (eq < 0) {
                throw new UsageException("--set '" + set + "' has no '='; write --set key=value, e.g. --set num.partitions=6");
            }
            String key = checkKey("--set", set.substring(0, eq).trim());
            values.remove(key);
            values.put(key, set.substring(eq + 1));
        }
        return new BrokerSettings(values);
    }

    private static String checkKey(String where, String key) {
        if (!KEY.matcher(key).matches()) {
            throw new UsageException(where + " key '" + key + "' is not a Kafka setting name (A-Z a-z 0-9 . _ -)");
        }
        String option = IDENTITY_KEYS.get(key);
        if (option != null) {
            throw new UsageException(where + " " + key + " is this broker's identity, which kafka-aas sets from "
                    + option + "; pass that option instead");
        }
        return key;
    }

    public Map<String, String> values() {
        return values;
    }

    public Set<String> keys() {
        return values.keySet();
    }
}
