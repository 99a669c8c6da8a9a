package io.kafkaaas.render;

import io.kafkaaas.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** JMX beyond loopback only with authentication and TLS, and never on Kafka's own ports: through render's CLI. */
class JmxExposureTest {
    private static final List<String> SECURED = List.of("--jmx-password-file", "/etc/kafka/jmx/jmxremote.password",
            "--jmx-access-file", "/etc/kafka/jmx/jmxremote.access", "--jmx-ssl-config-file", "/etc/kafka/jmx/jmxremote.ssl");

    @TempDir
    Path root;

    private CliRun render(List<String> extra) {
        List<String> args = new ArrayList<>(List.of("render", "--root", root.toString(), "--output", "json",
                "--broker-id", "1", "--broker-count", "3", "--private-ip", "10.0.2.25", "--network-style", "none",
                "--log-dir", "/data/kafka", "--zookeeper", "zk1:2181/kafka"));
        args.addAll(extra);
        return CliRun.of(args);
    }

    private static List<String> with(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("the ENI IP without authentication", List.of("--jmx-host", "10.0.2.25"),
                        "--jmx-host 10.0.2.25 would open JMX to the network without authentication or TLS"),
                Arguments.of("every address without authentication", List.of("--jmx-host", "0.0.0.0"),
                        "--jmx-host 0.0.0.0 would open JMX to the network"),
                Arguments.of("a password file alone", List.of("--jmx-host", "10.0.2.25", "--jmx-password-file", "/etc/kafka/jmx/pw"),
                        "missing --jmx-access-file, --jmx-ssl-config-file"),
                Arguments.of("a relative password file", with(List.of("--jmx-host", "10.0.2.25", "--jmx-password-file", "pw"),
                        SECURED.subList(2, 6).toArray(String[]::new)), "--jmx-password-file 'pw' must be an absolute path"),
                Arguments.of("a path that would break the environment file", with(SECURED.subList(0, 4),
                        "--jmx-ssl-config-file", "/etc/kafka/jmx ssl"), "--jmx-ssl-config-file '/etc/kafka/jmx ssl' must be an absolute path"),
                Arguments.of("the listener port", List.of("--jmx-port", "9092"), "--jmx-port 9092 is also --listener-port"),
                Arguments.of("a moved listener port", List.of("--listener-port", "19092", "--jmx-port", "19092"),
                        "--jmx-port 19092 is also --listener-port"),
                Arguments.of("the KRaft controller port", List.of("--kafka-mode", "kraft", "--controller-voters", "1@10.0.2.25:9093",
                        "--cluster-id", "MkU3OEVBNTcwNTJENDM2Qg", "--jmx-port", "9093"), "--jmx-port 9093 is also --controller-port"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void isRefusedWithExit2BeforeAnyFileIsWritten(String name, List<String> options, String message) {
        CliRun run = render(options);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains(message);
        assertThat(root.resolve("etc")).as("nothing was written").doesNotExist();
    }

    @Test
    void onLoopbackJmxStaysUnauthenticatedAsBefore() throws IOException {
        CliRun run = render(List.of());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Files.readString(root.resolve("etc/default/kafka")))
                .contains("-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.host=127.0.0.1");
    }

    @Test
    void withAuthenticationAndTlsJmxMayListenOnTheEniAndNoPasswordIsOnTheCommandLine() throws IOException {
        CliRun run = render(with(SECURED, "--jmx-host", "10.0.2.25"));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String env = Files.readString(root.resolve("etc/default/kafka"));
        assertThat(env).contains("JMX_PORT=9999\n")
                .contains("-Dcom.sun.management.jmxremote.authenticate=true",
                        "-Dcom.sun.management.jmxremote.password.file=/etc/kafka/jmx/jmxremote.password",
                        "-Dcom.sun.management.jmxremote.access.file=/etc/kafka/jmx/jmxremote.access",
                        "-Dcom.sun.management.jmxremote.ssl=true", "-Dcom.sun.management.jmxremote.registry.ssl=true",
                        "-Dcom.sun.management.jmxremote.ssl.config.file=/etc/kafka/jmx/jmxremote.ssl",
                        "-Dcom.sun.management.jmxremote.host=10.0.2.25", "-Djava.rmi.server.hostname=10.0.2.25")
                .doesNotContain("authenticate=false", "ssl=false", "keyStorePassword");
    }

    @Test
    void jmxOffNeedsNoSecurityWhateverTheHost() {
        CliRun run = render(List.of("--jmx-port", "0", "--jmx-host", "10.0.2.25"));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
    }
}
