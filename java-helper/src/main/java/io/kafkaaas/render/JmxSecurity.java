package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * JMX's password and access files and its TLS configuration. JMX open to the network without them lets anyone
 * who reaches the port invoke any MBean (including ones that load code), so a non-loopback --jmx-host needs all
 * three. The TLS settings, keystore password included, live in a properties file (JDK's
 * com.sun.management.jmxremote.ssl.config.file) so that no password is on the java command line.
 */
public record JmxSecurity(String passwordFile, String accessFile, String sslConfigFile) {
    /** The paths go unquoted into KAFKA_JMX_OPTS (a shell-sourceable environment file). */
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9_./@+-]+");

    public JmxSecurity {
        check("--jmx-password-file", passwordFile);
        check("--jmx-access-file", accessFile);
        check("--jmx-ssl-config-file", sslConfigFile);
    }

    /** All three or none: a partial setup is a mistake, never a reason to fall back to no authentication. */
    public static Optional<JmxSecurity> of(String passwordFile, String accessFile, String sslConfigFile) {
        List<String> missing = new ArrayList<>();
        if (passwordFile == null) {
            missing.add("--jmx-password-file");
        }
        if (accessFile == null) {
            missing.add("--jmx-access-file");
        }
        if (sslConfigFile == null) {
            missing.add("--jmx-ssl-config-file");
        }
        if (missing.size() == 3) {
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            throw new UsageException("JMX authentication and TLS need --jmx-password-file, --jmx-access-file and"
                    + " --jmx-ssl-config-file together; missing " + String.join(", ", missing));
        }
        return Optional.of(new JmxSecurity(passwordFile, accessFile, sslConfigFile));
    }

    private static void check(String option, String path) {
        if (path == null || !SAFE_PATH.matcher(path).matches() || path.contains("/../")) {
            throw new UsageException(option + " '" + path + "' must be an absolute path of letters, digits and ._/@+-"
                    + " (the file the JVM reads at start, e.g. /etc/kafka/jmx/jmxremote.password)");
        }
    }
}
