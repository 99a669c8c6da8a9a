package io.kafkaaas.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tests that need root, a tool or an emulator skip with a visible reason when it is missing, except under
 * CI (KAFKA_AAS_REQUIRE_TOOLS=1, set by .ci/run): there a missing requirement fails, so nothing is
 * silently skipped on the machine that decides whether a change lands.
 */
public final class Requirements {
    private Requirements() {
    }

    public static boolean strict() {
        return "1".equals(System.getenv("KAFKA_AAS_REQUIRE_TOOLS"));
    }

    public static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (strict()) {
            throw new AssertionError("required under CI (KAFKA_AAS_REQUIRE_TOOLS=1) but missing: " + reason);
        }
        Assumptions.assumeTrue(false, "SKIPPED: " + reason);
    }

    public static boolean isRoot() {
        try {
            return "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim());
        } catch (IOException e) {
            return false;
        }
    }

    public static void requireRoot(String what) {
        require(isRoot(), what + " needs root (loop devices, mount, network namespaces); run the tests as root");
    }

    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    public static void requireTool(String tool) {
        require(onPath(tool), "'" + tool + "' is not on PATH; install it (apt-get install ...) to run this test");
    }
}
