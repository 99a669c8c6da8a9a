package io.kafkaaas.kafka3;

import io.kafkaaas.testing.CliRun;
import kafka.server.KafkaConfig;
import kafka.server.KafkaServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import scala.Option;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Kafka 3.9 broker started the way kafka-server-start does (Utils.loadProps, KafkaConfig, KafkaServer), from
 * the server.properties that the real `render` CLI wrote under root: what the tests prove is the rendered file.
 */
final class RenderedBroker implements AutoCloseable {
    static final String AZ = "us-east-1a";

    final int port;
    final Path logDir;
    private final KafkaServer server;

    private RenderedBroker(int port, Path logDir, KafkaServer server) {
        this.port = port;
        this.logDir = logDir;
        this.server = server;
    }

    static RenderedBroker start(Path root, int brokerId, int brokerCount, String zookeeper) throws IOException {
        return start(root, brokerId, brokerCount, zookeeper, freePort(), List.of());
    }

    /** The same with more render options (listener security, say) and the client listener's port. */
    static RenderedBroker start(Path root, int brokerId, int brokerCount, String zookeeper, int port, List<String> extra)
            throws IOException {
        Path logDir = root.resolve("var/lib/kafka/data");
        List<String> args = new ArrayList<>(List.of("render", "--root", root.toString(), "--output", "json", "--kafka-mode", "zookeeper",
                "--broker-id", Integer.toString(brokerId), "--broker-count", Integer.toString(brokerCount),
                "--private-ip", "127.0.0.1", "--listener-port", Integer.toString(port), "--availability-zone", AZ,
                "--log-dir", logDir.toString(), "--zookeeper", zookeeper, "--network-style", "none"));
        args.addAll(extra);
        CliRun render = CliRun.of(args);
        assertThat(render.exitCode()).as(render.stderr()).isZero();
        KafkaServer server = new KafkaServer(KafkaConfig.fromProps(
                Utils.loadProps(root.resolve("etc/kafka/server.properties").toString()), false), Time.SYSTEM, Option.empty(), false);
        server.startup();
        return new RenderedBroker(port, logDir, server);
    }

    String bootstrapServer() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
