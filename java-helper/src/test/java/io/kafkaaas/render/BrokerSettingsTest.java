package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerSettingsTest {
    @TempDir
    Path dir;

    @Test
    void aLaterSetWinsOverAnEarlierOneAndOverTheFile() throws IOException {
        Path file = dir.resolve("extra.properties");
        Files.writeString(file, "num.partitions=3\nlog.retention.hours=72\n");

        BrokerSettings settings = BrokerSettings.of(file, List.of("num.partitions=6", "compression.type=zstd", "num.partitions=8", "empty="));

        assertThat(settings.values()).containsExactly(java.util.Map.entry("log.retention.hours", "72"),
                java.util.Map.entry("compression.type", "zstd"), java.util.Map.entry("num.partitions", "8"), java.util.Map.entry("empty", ""));
    }

    @Test
    void identityKeysAreRefusedFromTheFileToo() throws IOException {
        Path file = dir.resolve("extra.properties");
        Files.writeString(file, "node.id=4\n");

        assertThatThrownBy(() -> BrokerSettings.of(file, List.of())).isInstanceOf(UsageException.class)
                .hasMessageContaining("node.id is this broker's identity, which kafka-aas sets from --broker-id");
    }

    @Test
    void escapedValuesReadBackUnchangedWithPropertiesLoad() throws IOException {
        String value = " leading blank, back\\slash, tab\t, newline\n, umlaut \u00fc, euro \u20ac, # and ! and = and :";
        Properties p = new Properties();
        p.load(new StringReader("k=" + PropertiesText.escapeValue(value) + "\n"));

        assertThat(p.getProperty("k")).isEqualTo(value);
        assertThat(PropertiesText.escapeValue(value)).matches("[\\x20-\\x7e]*");
    }
}
