package io.kafkaaas.zk;

import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/** Maps ZooKeeper failures that survived Curator's bounded retries onto the CLI's exit codes. */
final class ZkFailures {
    private ZkFailures() {
    }

    static RuntimeException translate(CuratorFramework client, String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new KafkaAasException(ExitCode.INTERNAL, "interrupted while trying to " + what + " in ZooKeeper", e);
        }
        String ensemble = client.getZookeeperClient().getCurrentConnectionString();
        if (e instanceof KeeperException.NoAuthException) {
            return new KafkaAasException(ExitCode.USAGE, "ZooKeeper " + ensemble + " refused to " + what
                    + ": no permission (ACL); pass --zookeeper-auth-file with the cluster's user:password (the identity the"
                    + " claims were created with), or use the cluster's chroot", e);
        }
        if (e instanceof KeeperException ke) {
            return new DependencyUnreachableException("ZooKeeper " + ensemble + " failed to " + what + " after retries ("
                    + ke.code() + "); check the ensemble's health and the network", e);
        }
        return new DependencyUnreachableException("ZooKeeper " + ensemble + " failed to " + what + ": " + e, e);
    }
}
