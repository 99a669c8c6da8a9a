package io.kafkaaas.os;

import java.time.Duration;
import java.util.List;

/** Runs one system tool (blkid, mkfs, mount) and returns what it said; a seam so parsing can be tested without root. */
public interface CommandRunner {
    Result run(Duration timeout, List<String> command);

    /** Whether the tool can be found (PATH, plus the sbin directories a boot-time PATH may lack). */
    boolean has(String tool);

    record Result(int exitCode, String stdout, String stderr) {
        public String firstErrorLine() {
            String text = stderr.isBlank() ? stdout : stderr;
            return text.strip().lines().findFirst().orElse("(no output)");
        }
    }
}
