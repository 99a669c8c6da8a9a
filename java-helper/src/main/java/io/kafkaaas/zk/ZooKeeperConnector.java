package io.kafkaaas.zk;

import io.kafkaaas.core.DependencyUnreachableException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Opens a Curator client and waits, for a bounded time, until it is connected. */
public final class ZooKeeperConnector {
    private static final int SESSION_TIMEOUT_MS = 30_000;

    private ZooKeeperConnector() {
    }

    public static CuratorFramework connect(ZkConnectString connectString, Duration timeout) {
        int connectionTimeoutMs = (int) Math.max(1_000, Math.min(timeout.toMillis(), 15_000));
        // The chroot becomes Curator's namespace, which Curator creates on first use: on a fresh ensemble the
        // first claim runs before any Kafka broker has created the chroot, and a chroot in the connect string
        // would make every create fail with NoNode.
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(String.join(",", connectString.hosts()))
                .namespace(connectString.chroot().isEmpty() ? null : connectString.chroot().substring(1))
                .sessionTimeoutMs(SESSION_TIMEOUT_MS)
                .connectionTimeoutMs(connectionTimeoutMs)
                // Each operation retries connection loss a bounded number of times, then fails with exit 6.
                .retryPolicy(new BoundedExponentialBackoffRetry(200, 3_000, 6))
                // The ensemble tracker rewrites the connect string and would drop the chroot.
                .ensembleTracker(false)
                .build();
        client.start();
        boolean connected;
        try {
            connected = client.blockUntilConnected((int) timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connected = false;
        }
        if (!connected) {
            client.close();
            throw new DependencyUnreachableException("ZooKeeper " + connectString + " could not be reached within "
                    + timeout.toSeconds() + " s; check --zookeeper, that the ensemble runs, and the security groups");
        }
        return client;
    }
}
