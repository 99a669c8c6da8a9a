package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.Ipv4Address;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Kafka environment file: heap and JMX. JMX binds to loopback unless told otherwise; beyond loopback it needs
 * authentication and TLS ({@link JmxSecurity}), or the run stops before anything changes.
 */
public record JvmSettings(String heap, OptionalInt jmxPort, Ipv4Address jmxHost, Optional<JmxSecurity> jmxSecurity) {
    public static final String DEFAULT_HEAP = "1g";
    public static final int DEFAULT_JMX_PORT = 9999;

    public JvmSettings {
        if (heap == null || !heap.matches("[1-9][0-9]{0,5}[mMgG]")) {
            throw new UsageException("--heap-size '" + heap + "' is not a JVM heap size such as 6g or 1536m");
        }
        if (jmxPort.isPresent() && (jmxPort.getAsInt() < 1 || jmxPort.getAsInt() > 65535)) {
            throw new UsageException("--jmx-port " + jmxPort.getAsInt() + " is out of range 1-65535 (0 turns JMX off)");
        }
        if (jmxPort.isPresent() && !isLoopback(jmxHost) && jmxSecurity.isEmpty()) {
            throw new UsageException("--jmx-host " + jmxHost + " would open JMX to the network without authentication or TLS:"
                    + " keep it on 127.0.0.1 (reach it through SSH or a local agent), or give --jmx-password-file,"
                    + " --jmx-access-file and --jmx-ssl-config-file");
        }
    }

    /** JMX on loopback without authentication, as before. */
    public JvmSettings(String heap, OptionalInt jmxPort, Ipv4Address jmxHost) {
        this(heap, jmxPort, jmxHost, Optional.empty());
    }

    private static boolean isLoopback(Ipv4Address address) {
        return (address.bits() >>> 24) == 127;
    }
}
