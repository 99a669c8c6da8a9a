package io.kafkaaas.volume;

import io.kafkaaas.core.DataSafetyException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A volume from another broker must never come up under the wrong id: when the log directory holds Kafka's
 * meta.properties, its broker.id (ZooKeeper mode) and node.id (KRaft) must be the claimed id, and its cluster.id
 * must be the configured one when there is one.
 */
public final class BrokerIdentityCheck {
    private final MetaProperties metaProperties;

    public BrokerIdentityCheck(MetaProperties metaProperties) {
        this.metaProperties = metaProperties;
    }

    /**
     * The log directory must be reached on the volume itself: a symbolic link on the way (kafka -> /var/lib/kafka)
     * would make meta.properties, the chown and every Kafka write land on another disk, where the data dies with
     * the instance; a file in its place would stop the run half-way, mounted without fstab. Missing parts are fine:
     * they are created on the volume later.
     */
    public void requireOnVolume(String subject, Path mountPoint, Path logDir) {
        Path at = mountPoint.normalize();
        for (Path part : at.relativize(logDir.normalize())) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                throw new DataSafetyException("log directory " + logDir + " on " + subject + " passes through " + at
                        + ", a symbolic link to " + linkTarget(at) + ", so Kafka's data would not be on the volume;"
                        + " refusing to use it: move that data onto the volume in place of the link, or pass --log-dir"
                        + " with a real directory on the volume");
            }
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (!Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
                throw new DataSafetyException("log directory " + logDir + " on " + subject + ": " + at + " is not a"
                        + " directory; refusing to use the volume: look at what that file is, move it away, and rerun");
            }
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    public void verify(String subject, Path logDir, int brokerId, Optional<String> clusterId) {
        Optional<Map<String, String>> meta = metaProperties.read(logDir);
        if (meta.isEmpty()) {
            return;
        }
        Path file = MetaProperties.fileIn(logDir);
        Map<String, String> props = meta.get();
        String brokerIdValue = props.get("broker.id");
        String nodeIdValue = props.get("node.id");
        if (brokerIdValue == null && nodeIdValue == null) {
            throw refuse(subject, file, "has neither broker.id nor node.id", brokerId);
        }
        for (String key : new String[] {"broker.id", "node.id"}) {
            String value = props.get(key);
            if (value != null && !value.trim().equals(Integer.toString(brokerId))) {
                throw refuse(subject, file, "says " + key + "=" + value.trim(), brokerId);
            }
        }
        if (clusterId.isPresent()) {
            String actual = props.get("cluster.id");
            if (actual == null || !actual.trim().equals(clusterId.get())) {
                throw new DataSafetyException(file + " on " + subject + " says cluster.id=" + (actual == null ? "(none)" : actual.trim())
                        + " but this cluster is " + clusterId.get() + "; refusing to start a broker on another cluster's data:"
                        + " check --cluster-id and which volume carries this tag");
            }
        }
    }

    private static DataSafetyException refuse(String subject, Path file, String what, int brokerId) {
        return new DataSafetyException(file + " on " + subject + " " + what + " but this instance claimed broker id "
                + brokerId + "; refusing to start a broker on another broker's data: check the volume's Name tag"
                + " (and fix or move meta.properties only if you know why they differ)");
    }
}
