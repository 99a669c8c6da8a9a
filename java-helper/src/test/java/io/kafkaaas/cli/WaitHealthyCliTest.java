package io.kafkaaas.cli;

import io.kafkaaas.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** wait-healthy's contract at the edges: bad input is exit 2 before any connection, no cluster is exit 6. */
class WaitHealthyCliTest {
    @TempDir
    Path root;

    @Test
    void badInputIsExit2AndNamesTheOption() {
        CliRun badId = CliRun.of("wait-healthy", "--broker-id", "-1", "--bootstrap-server", "127.0.0.1:9092");
        CliRun badServer = CliRun.of("wait-healthy", "--broker-id", "1", "--bootstrap-server", "kafka-without-port");
        CliRun badTimeout = CliRun.of("wait-healthy", "--broker-id", "1", "--bootstrap-server", "127.0.0.1:9092", "--timeout", "0");
        CliRun nothingRendered = CliRun.of("wait-healthy", "--root", root.toString(), "--output", "json");

        assertThat(badId.exitCode()).isEqualTo(2);
        assertThat(badId.errorLines()).singleElement().asString().contains("--broker-id -1 is out of range 0-4095");
        assertThat(badServer.exitCode()).isEqualTo(2);
        assertThat(badServer.errorLines()).singleElement().asString().contains("--bootstrap-server 'kafka-without-port' must be HOST:PORT");
        assertThat(badTimeout.exitCode()).isEqualTo(2);
        assertThat(badTimeout.errorLines()).singleElement().asString().contains("--timeout 0 is out of range");
        assertThat(nothingRendered.exitCode()).isEqualTo(2);
        assertThat(nothingRendered.json().get("exitCode").asInt()).isEqualTo(2);
        assertThat(nothingRendered.json().get("error").asText()).contains("pass --broker-id and --bootstrap-server, or render first");
    }

    @Test
    void theRenderedFileGivesTheIdAndTheBrokersOwnListener() throws IOException {
        Path props = root.resolve("etc/kafka/server.properties");
        Files.createDirectories(props.getParent());
        int port = closedPort();
        Files.writeString(props, "broker.id=7\nlisteners=PLAINTEXT://0.0.0.0:9092\nadvertised.listeners=PLAINTEXT://127.0.0.1:"
                + port + ",INTERNAL://10.0.0.1:9094\n");

        CliRun run = CliRun.of("wait-healthy", "--root", root.toString(), "--timeout", "2");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(6);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("kafka-aas: wait-healthy: Kafka at 127.0.0.1:" + port + " could not be reached for ")
                .contains("no listener accepts a connection").contains("Connection refused");
    }

    @Test
    void aKraftControllerOnlyNodeHasNoBrokerToWaitFor() throws IOException {
        Path props = root.resolve("etc/kafka/server.properties");
        Files.createDirectories(props.getParent());
        Files.writeString(props, "process.roles=controller\nnode.id=3\nlisteners=CONTROLLER://10.0.0.3:9093\n");

        CliRun run = CliRun.of("wait-healthy", "--root", root.toString(), "--output", "json");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.json().get("brokerId").asInt()).isEqualTo(3);
        assertThat(run.json().get("controllerOnly").asBoolean()).isTrue();
    }

    @Test
    void anUnreachableClusterIsExit6WithOneLine() throws IOException {
        int port = closedPort();

        CliRun run = CliRun.of("wait-healthy", "--broker-id", "1", "--bootstrap-server", "127.0.0.1:" + port,
                "--timeout", "30", "--connect-timeout", "2", "--output", "json");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(6);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("kafka-aas: wait-healthy: Kafka at 127.0.0.1:" + port + " could not be reached for ")
                .contains("check --bootstrap-server, that Kafka runs, and the security groups");
        assertThat(run.json().get("exitCode").asInt()).isEqualTo(6);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
