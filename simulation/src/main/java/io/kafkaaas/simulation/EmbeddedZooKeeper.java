package io.kafkaaas.simulation;

import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** A single ZooKeeper server inside the helper's JVM (the zookeeper jar carries the server too). */
public final class EmbeddedZooKeeper implements AutoCloseable {
    /** ZooKeeper caps sessions at 20 ticks: 20 s, room for the brokers' 18 s sessions on a loaded machine. */
    private static final int TICK_MILLIS = 1000;

    private final ServerCnxnFactory factory;
    private final ZooKeeperServer server;
    private final String connectString;

    private EmbeddedZooKeeper(ServerCnxnFactory factory, ZooKeeperServer server, String connectString) {
        this.factory = factory;
        this.server = server;
        this.connectString = connectString;
    }

    /** port 0 picks a free port. */
    public static EmbeddedZooKeeper start(Path dir, String host, int port) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        ZooKeeperServer server = new ZooKeeperServer(dir.resolve("snapshots").toFile(), dir.resolve("log").toFile(), TICK_MILLIS);
        ServerCnxnFactory factory = ServerCnxnFactory.createFactory(new InetSocketAddress(host, port), 200);
        factory.startup(server);
        return new EmbeddedZooKeeper(factory, server, host + ":" + factory.getLocalPort());
    }

    public String connectString() {
        return connectString;
    }

    @Override
    public void close() {
        factory.shutdown();
        server.shutdown();
    }
}
