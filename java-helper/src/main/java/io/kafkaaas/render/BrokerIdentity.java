package io.kafkaaas.render;

import io.kafkaaas.core.AvailabilityZone;
import io.kafkaaas.core.InvalidValueException;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.Ipv4Address;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Who this broker is, as the earlier steps found out: claimed id, ENI IP, AZ, and the volume's log dirs. */
public record BrokerIdentity(int id, Ipv4Address privateIp, Optional<String> availabilityZone, List<String> logDirs) {
    private static final Pattern LOG_DIR = Pattern.compile("/[^,\\s]*");

    public BrokerIdentity {
        availabilityZone.ifPresent(az -> InvalidValueException.named("--availability-zone", () -> new AvailabilityZone(az)));
        if (logDirs.isEmpty()) {
            throw new UsageException("--log-dir is required: the data directory on the broker's EBS volume, e.g. /var/lib/kafka/data");
        }
        for (String dir : logDirs) {
            if (!LOG_DIR.matcher(dir).matches() || dir.equals("/") || dir.contains("/../") || dir.endsWith("/..")) {
                throw new UsageException("--log-dir '" + dir + "' is not an absolute directory without commas or blanks"
                        + " (e.g. /var/lib/kafka/data); it must not be / itself");
            }
        }
        logDirs = List.copyOf(logDirs);
    }

    /** Splits a comma-separated --log-dir value (JBOD: several volumes). */
    public static List<String> splitLogDirs(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.trim().split("\\s*,\\s*", -1));
    }
}
