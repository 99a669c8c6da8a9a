package io.kafkaaas.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags the shipped launcher (/usr/local/bin/kafka-aas) starts the helper with: the lines of the cookbook's
 * kafka-aas.jvm-options, which the build copies into this jar, then the launcher's own logging flags. The simulation's
 * child helpers and the process tests start the jar with exactly these, so what they measure is what ships.
 */
public final class LauncherFlags {
    private static final String RESOURCE = "kafka-aas.jvm-options";
    /** The launcher adds these after the file's: JVM warnings to stderr, so stdout stays one JSON object. */
    private static final List<String> LOGGING = List.of("-Xlog:disable", "-Xlog:all=warning:stderr");

    private LauncherFlags() {
    }

    /** The file's flags and the launcher's logging flags, in the launcher's order (no archive: the caller maps its own). */
    public static List<String> all() {
        List<String> flags = new ArrayList<>(fromFile());
        flags.addAll(LOGGING);
        return List.copyOf(flags);
    }

    /** The flags of kafka-aas.jvm-options as the launcher reads them: one per line, blank lines and # comments skipped. */
    static List<String> fromFile() {
        try (InputStream in = LauncherFlags.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not in the jar next to " + LauncherFlags.class.getName()
                        + "; rebuild java-helper (its pom copies it from cookbooks/kafka_aas/files)");
            }
            List<String> flags = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String flag = line.strip();
                if (!flag.isEmpty() && !flag.startsWith("#")) {
                    flags.add(flag);
                }
            }
            return List.copyOf(flags);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the jar", e);
        }
    }
}
