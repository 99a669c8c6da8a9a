package io.kafkaaas.zk;

import io.kafkaaas.core.DependencyUnreachableException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Opens a Curator client on the ensemble's hosts and waits, for a bounded time, until it is connected. The
 * chroot is not handed to the ZooKeeper client (which fails every call when the chroot node is missing);
 * the stores prefix their paths with it instead, and writes create it like Kafka does.
 */
public final class ZooKeeperConnector {
    private static final int SESSION_TIMEOUT_MS = 30_000;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private ZooKeeperConnector() {
    }

    public static CuratorFramework connect(ZkConnectString connectString, Duration timeout) {
        return connect(connectString, timeout, ZkSecurity.none());
    }

    /**
     * With credentials, the client authenticates (digest) and creates every znode of the helper's tree with the
     * cluster's ACL ({@link ClaimTreeAclProvider}); with TLS, it speaks TLS to the ensemble's secure port.
     */
    public static CuratorFramework connect(ZkConnectString connectString, Duration timeout, ZkSecurity security) {
        int connectionTimeoutMs = (int) Math.max(1_000, Math.min(timeout.toMillis(), 15_000));
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(String.join(",", connectString.hosts()))
                .sessionTimeoutMs(SESSION_TIMEOUT_MS)
                .connectionTimeoutMs(connectionTimeoutMs)
                // Each operation retries connection loss a bounded number of times, then fails with exit 6.
                .retryPolicy(new BoundedExponentialBackoffRetry(200, 3_000, 6))
                // The ensemble tracker rewrites the connect string and would drop the chroot.
                .ensembleTracker(false);
        security.credentials().ifPresent(credentials -> builder
                .authorization("digest", credentials.authBytes())
                .aclProvider(new ClaimTreeAclProvider(connectString.chroot(), ZkSecurity.ownedAcl(credentials, security.world()))));
        security.tls().ifPresent(tls -> builder.zkClientConfig(tls.clientConfig()));
        CuratorFramework client = builder.build();
        client.start();
        boolean connected;
        try {
            connected = client.blockUntilConnected((int) timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connected = false;
        }
        if (!connected) {
            closeWithin(client, CLOSE_GRACE);
            throw new DependencyUnreachableException("ZooKeeper " + connectString + " could not be reached within "
                    + timeout.toSeconds() + " s; check --zookeeper, that the ensemble runs, and the security groups");
        }
        return client;
    }

    /**
     * Closing a client that has no session still sends closeSession and waits for the answer. A peer that accepted
     * the TCP connection but never speaks (a hung server, a half-open firewall) never gives one, and the wait lasts
     * until the session timeout: 5 s of --zookeeper-timeout became 31 s. Interrupting that wait makes the ZooKeeper
     * client drop the connection at once, so the total stays the timeout plus the grace.
     */
    private static void closeWithin(CuratorFramework client, Duration grace) {
        Thread closer = new Thread(client::close, "zookeeper-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closer.interrupt();
    }
}
