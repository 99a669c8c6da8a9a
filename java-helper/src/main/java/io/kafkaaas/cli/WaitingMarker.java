package io.kafkaaas.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * /run/kafka-aas/waiting-for-id: how the boot script learns that bootstrap found no free id. The converge in between
 * turns every failing helper run into Chef's own exit code, so the script cannot tell exit 3 from the rest; the file
 * tells it to run signal --waiting instead of --failure. It lives in /run, so a reboot starts without it, and a
 * bootstrap that claims an id removes it.
 */
final class WaitingMarker {
    static final String PATH = "run/kafka-aas/waiting-for-id";

    private WaitingMarker() {
    }

    static void write(Path root, String cluster) throws IOException {
        Path marker = root.resolve(PATH);
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, cluster + System.lineSeparator(), StandardCharsets.UTF_8);
    }

    static void clear(Path root) throws IOException {
        Files.deleteIfExists(root.resolve(PATH));
    }
}
