package io.kafkaaas.cli;

import io.kafkaaas.core.ClusterName;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.zk.ZkConnectString;
import io.kafkaaas.zk.ZkSecurity;
import io.kafkaaas.zk.ZkTls;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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

    @Option(names = "--zookeeper-auth-file", paramLabel = "FILE",
            description = "File holding the cluster's ZooKeeper digest user:password (bootstrap with --secret-store fetches it, from zookeeper-auth under the cluster's prefix, before the claim). The helper"
                    + " authenticates with it and creates its znodes writable by that identity only.")
    Path authFile;

    @Option(names = "--zookeeper-world-access", paramLabel = "read|none", defaultValue = "read",
            description = "With --zookeeper-auth-file: what other clients may do with the helper's znodes. Default: ${DEFAULT-VALUE}.")
    ZkSecurity.WorldAccess worldAccess = ZkSecurity.WorldAccess.read;

    @Option(names = "--zookeeper-tls", description = "Speak TLS to ZooKeeper (the ensemble's secureClientPort).")
    boolean tls;

    @Option(names = "--zookeeper-truststore", paramLabel = "FILE", description = "With --zookeeper-tls: the CA of the ensemble (.jks, .p12 or .pem).")
    Path truststore;

    @Option(names = "--zookeeper-truststore-password-file", paramLabel = "FILE", description = "File holding the trust store's password.")
    Path truststorePasswordFile;

    @Option(names = "--zookeeper-keystore", paramLabel = "FILE", description = "With --zookeeper-tls: this client's key and certificate, for mutual TLS.")
    Path keystore;

    @Option(names = "--zookeeper-keystore-password-file", paramLabel = "FILE", description = "File holding the key store's password.")
    Path keystorePasswordFile;

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

    /** How to authenticate and encrypt; the files themselves are read when the client connects. */
    public ZkSecurity security() {
        if (!tls && (truststore != null || truststorePasswordFile != null || keystore != null || keystorePasswordFile != null)) {
            throw new UsageException("--zookeeper-truststore and --zookeeper-keystore (and their password files) need"
                    + " --zookeeper-tls; add it, with the ensemble's secure port in --zookeeper");
        }
        if (authFile == null && worldAccess != ZkSecurity.WorldAccess.read) {
            throw new UsageException("--zookeeper-world-access " + worldAccess + " needs --zookeeper-auth-file: without the"
                    + " cluster's identity nobody could write the claims");
        }
        Optional<ZkTls> zkTls = tls ? Optional.of(new ZkTls(truststore, Optional.ofNullable(truststorePasswordFile),
                Optional.ofNullable(keystore), Optional.ofNullable(keystorePasswordFile))) : Optional.empty();
        return new ZkSecurity(Optional.ofNullable(authFile), worldAccess, zkTls);
    }

    /** Validates all of it up front, so bad input never reaches ZooKeeper. */
    public void validate() {
        connectString();
        cluster();
        timeout();
        security();
    }
}
