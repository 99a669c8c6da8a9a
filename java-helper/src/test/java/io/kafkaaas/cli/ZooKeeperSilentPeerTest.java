package io.kafkaaas.cli;

import io.kafkaaas.testing.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ZooKeeper "peer" that accepts the TCP connection and then never says a word (a hung process, a half-open
 * firewall): --zookeeper-timeout must still bound the command. Without a bound, closing the half-connected client
 * waits for the session timeout (5 s became about 31 s).
 */
class ZooKeeperSilentPeerTest {
    private static final int TIMEOUT_SECONDS = 3;

    private ServerSocket silent;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private Thread acceptor;

    @BeforeEach
    void startSilentPeer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept()); // held open, never read from or written to
                }
            } catch (SocketException closed) {
                // the test is over
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "silent-zookeeper");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stopSilentPeer() throws Exception {
        silent.close();
        for (Socket s : accepted) {
            s.close();
        }
        acceptor.join(5_000);
    }

    @Test
    void aPeerThatAcceptsButNeverAnswersIsExit6WithinTheTimeout() throws InterruptedException {
        long started = System.nanoTime();
        CliRun run = CliRun.of("status", "--zookeeper", "127.0.0.1:" + silent.getLocalPort(), "--cluster", "c1",
                "--broker-count", "3", "--zookeeper-timeout", String.valueOf(TIMEOUT_SECONDS),
                "--region", "us-east-1", "--instance-id", "i-0silent", "--availability-zone", "us-east-1a",
                "--ec2-endpoint", "http://127.0.0.1:9", "--output", "json");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(accepted).as("the client did connect to the silent peer").isNotEmpty();
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(6);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("ZooKeeper 127.0.0.1:" + silent.getLocalPort())
                .contains("within " + TIMEOUT_SECONDS + " s");
        assertThat(run.json().get("exitCode").asInt()).isEqualTo(6);
        // Loose on purpose (loaded machines): the bound is the timeout plus a small margin, not the session timeout.
        assertThat(elapsed).isLessThan(Duration.ofSeconds(TIMEOUT_SECONDS + 10));
        // The half-connected client is really closed, not left behind on a background thread.
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("zookeeper-close")) {
                t.join(10_000);
                assertThat(t.isAlive()).as("zookeeper-close still running").isFalse();
            }
        }
    }
}
