package io.kafkaaas.testing;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;

/**
 * A real ZooKeeper for each test (Curator's TestingServer), and an observer: a client of the test's own that looks at
 * what the command under test wrote. Register it with {@code @RegisterExtension}.
 */
public final class EmbeddedZooKeeper implements BeforeEachCallback, AfterEachCallback {
    private TestingServer server;
    private CuratorFramework observer;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server = new TestingServer();
        observer = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        observer.start();
        observer.blockUntilConnected();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        observer.close();
        server.close();
    }

    public String connectString() {
        return server.getConnectString();
    }

    /** The server's port, for what sits between it and a client (e.g. {@link ZooKeeperAnswerDropper}). */
    public int port() {
        return server.getPort();
    }

    public CuratorFramework observer() {
        return observer;
    }

    /** Stops the server in the middle of a test, as an outage would (the observer is left disconnected). */
    public void stop() throws IOException {
        server.stop();
    }
}
