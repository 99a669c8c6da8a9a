package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.Ipv4Address;
import io.kafkaaas.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --advertised-host-template: a stable DNS name per broker in advertised.listeners, validated before anything is written. */
class AdvertisedHostTest {
    private static final Ipv4Address IP = Ipv4Address.parse("ip", "10.0.2.25");

    @TempDir
    Path root;

    @Test
    void theTemplateNamesEachBrokerAndWithoutOneTheEniIpIsAdvertised() {
        assertThat(AdvertisedHost.of("b{id}.prod.kafka.internal").hostFor(12, IP)).isEqualTo("b12.prod.kafka.internal");
        assertThat(AdvertisedHost.of("kafka-{id}-{id}.example.com").hostFor(3, IP)).isEqualTo("kafka-3-3.example.com");
        assertThat(AdvertisedHost.of(null).hostFor(12, IP)).isEqualTo("10.0.2.25");
        assertThat(AdvertisedHost.eniIp().hostFor(0, IP)).isEqualTo("10.0.2.25");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "b.prod.kafka.internal|has no {id}",
            "b{id}.{cluster}.internal|only letters, digits",
            "b{id}_x.internal|only letters, digits",
            "b{id}..internal|'' in b0..internal is not a DNS label",
            "b{id}.internal.|no empty label or trailing dot",
            "-b{id}.internal|'-b0' in -b0.internal is not a DNS label",
            "10.0.0.{id}|reads as an IP address",
            "b{id}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.internal|is not a DNS label",
    })
    void aTemplateThatCannotGiveAValidNameIsAUsageError(String template, String message) {
        assertThatThrownBy(() -> AdvertisedHost.of(template))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--advertised-host-template '" + template + "' is not usable")
                .hasMessageContaining(message);
    }

    @Test
    void theLongestIdOfTheClusterMustStillFitInALabel() {
        AdvertisedHost host = AdvertisedHost.of("broker-number-{id}-" + "x".repeat(47) + ".internal"); // a 63-character label with id 0

        host.checkFor(10);
        assertThatThrownBy(() -> host.checkFor(11)).hasMessageContaining("is not a DNS label");
    }

    private CliRun render(String... extra) {
        List<String> args = new ArrayList<>(List.of("render", "--root", root.toString(), "--broker-id", "2",
                "--broker-count", "3", "--private-ip", "10.0.3.25", "--network-style", "none", "--log-dir", "/data/kafka"));
        args.addAll(List.of(extra));
        return CliRun.of(args);
    }

    private Properties serverProperties() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(root.resolve("etc/kafka/server.properties"))) {
            p.load(in);
        }
        return p;
    }

    @Test
    void zooKeeperModeAdvertisesTheNameAndStillListensOnTheEniIp() throws IOException {
        CliRun run = render("--zookeeper", "zk1:2181", "--advertised-host-template", "b{id}.prod.kafka.internal");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Properties p = serverProperties();
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://b2.prod.kafka.internal:9092");
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://10.0.3.25:9092");
    }

    @Test
    void kraftModeAdvertisesTheNameAndKeepsTheVotersOnTheirEniIps() throws IOException {
        CliRun run = render("--kafka-mode", "kraft", "--controller-voters", "2@10.0.3.25:9093",
                "--listener-port", "9094", "--advertised-host-template", "kafka{id}.eu.example.com");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Properties p = serverProperties();
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://kafka2.eu.example.com:9094");
        assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("2@10.0.3.25:9093");
    }

    @Test
    void withoutATemplateTheEniIpIsAdvertisedAsBefore() throws IOException {
        assertThat(render("--zookeeper", "zk1:2181").exitCode()).isZero();

        assertThat(serverProperties().getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://10.0.3.25:9092");
    }

    @Test
    void aBadTemplateIsExit2AndWritesNothing() {
        CliRun run = render("--zookeeper", "zk1:2181", "--advertised-host-template", "kafka.internal");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("--advertised-host-template 'kafka.internal'", "has no {id}");
        assertThat(root.resolve("etc")).doesNotExist();
    }
}
