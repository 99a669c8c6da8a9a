package io.kafkaaas.volume;

import io.kafkaaas.core.DataSafetyException;

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
