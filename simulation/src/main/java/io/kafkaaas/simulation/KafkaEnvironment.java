package io.kafkaaas.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rendered Kafka environment file (/etc/default/kafka) read the way the AMI's Kafka unit reads it: systemd's
 * {@code EnvironmentFile=} (KEY=VALUE lines, # and ; comments, one pair of surrounding quotes removed), then
 * what Kafka's {@code kafka-run-class.sh} makes of it: KAFKA_HEAP_OPTS, KAFKA_JMX_OPTS and JMX_PORT become JVM
 * options. The whole environment also goes to the child Kafka JVM, as systemd passes it.
 */
public record KafkaEnvironment(Path file, Map<String, String> variables) {

    public static KafkaEnvironment read(Path file) throws IOException {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IOException(file + ": '" + raw + "' is not KEY=VALUE; systemd would ignore it, so render wrote a broken file");
            }
            vars.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
        }
        return new KafkaEnvironment(file, Map.copyOf(vars));
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** kafka-run-class.sh: the heap options, then the JMX options, with the port from JMX_PORT when it is set. */
    public List<String> jvmOptions() {
        List<String> options = new ArrayList<>(split(variables.get("KAFKA_HEAP_OPTS")));
        options.addAll(split(variables.get("KAFKA_JMX_OPTS")));
        String port = variables.get("JMX_PORT");
        if (port != null && !port.isEmpty()) {
            options.add("-Dcom.sun.management.jmxremote.port=" + port);
        }
        return options;
    }

    /** The broker's JMX port, which the simulation reads replication metrics from. */
    public int jmxPort() {
        String port = variables.get("JMX_PORT");
        if (port == null || !port.matches("[0-9]{1,5}")) {
            throw new IllegalStateException(file + " has no JMX_PORT; bootstrap must render it (--jmx-port)");
        }
        return Integer.parseInt(port);
    }

    private static List<String> split(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.strip().split("\\s+"));
    }
}
