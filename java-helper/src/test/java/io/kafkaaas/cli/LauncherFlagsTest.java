package io.kafkaaas.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar's copy of kafka-aas.jvm-options is the cookbook's, read as the launcher reads it. */
class LauncherFlagsTest {
    private static final Path SHIPPED = Path.of("../cookbooks/kafka_aas/files/kafka-aas.jvm-options");

    @Test
    void theFlagsAreTheShippedFilesLinesWithoutCommentsOrBlanks() throws IOException {
        List<String> lines = Files.readAllLines(SHIPPED).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        assertThat(LauncherFlags.fromFile()).isNotEmpty().containsExactlyElementsOf(lines)
                .allSatisfy(flag -> assertThat(flag).startsWith("-"))
                .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    }

    @Test
    void theLaunchersLoggingFlagsComeLast() {
        List<String> all = LauncherFlags.all();

        assertThat(all.subList(0, all.size() - 2)).isEqualTo(LauncherFlags.fromFile());
        assertThat(all.subList(all.size() - 2, all.size())).containsExactly("-Xlog:disable", "-Xlog:all=warning:stderr");
    }
}
