package io.kafkaaas.cli;

import io.kafkaaas.core.ClusterName;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.zk.ZkConnectString;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Where the claims live. */
public final class ZooKeeperOptions {
    @Option(names = "--zookeeper", paramLabel = "CONNECT",
            description = "ZooKeeper connect string, host:port[,host:port][/chroot] (the same one Kafka uses).")
    String zookeeper;

    @Option(names = "--cluster", paramLabel = "NAME", description = "Cluster name; claims live under /kafka-aas/NAME/claims/.")
    ClusterName cluster;

    @Option(names = "--zookeeper-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to try to connect to ZooKeeper before giving up with exit 6. Default: ${DEFAULT-VALUE}.")
    long zookeeperTimeoutSeconds = 30;

    public ZkConnectString connectString() {
        return ZkConnectString.parse(zookeeper);
    }

    public String cluster() {
        if (cluster == null) {
            throw new UsageException("--cluster is required: the cluster name that scopes the claims");
        }
        return cluster.value();
    }

    public Duration timeout() {
        if (zookeeperTimeoutSeconds < 1 || zookeeperTimeoutSeconds > 3600) {
            throw new UsageException("--zookeeper-timeout " + zookeeperTimeoutSeconds + " is out of range 1-3600 seconds");
        }
        return Duration.ofSeconds(zookeeperTimeoutSeconds);
    }

    /** Validates all of it up front, so bad input never reaches ZooKeeper. */
    public void validate() {
        connectString();
        cluster();
        timeout();
    }
}
