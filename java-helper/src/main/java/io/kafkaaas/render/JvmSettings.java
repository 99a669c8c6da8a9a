package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.Ipv4Address;

import java.util.OptionalInt;

/** The Kafka environment file: heap and JMX. JMX binds to loopback unless told otherwise: it has no auth here. */
public record JvmSettings(String heap, OptionalInt jmxPort, Ipv4Address jmxHost) {
    public static final String DEFAULT_HEAP = "1g";
    public static final int DEFAULT_JMX_PORT = 9999;

    public JvmSettings {
        if (heap == null || !heap.matches("[1-9][0-9]{0,5}[mMgG]")) {
            throw new UsageException("--heap-size '" + heap + "' is not a JVM heap size such as 6g or 1536m");
        }
        if (jmxPort.isPresent() && (jmxPort.getAsInt() < 1 || jmxPort.getAsInt() > 65535)) {
            throw new UsageException("--jmx-port " + jmxPort.getAsInt() + " is out of range 1-65535 (0 turns JMX off)");
        }
    }
}
