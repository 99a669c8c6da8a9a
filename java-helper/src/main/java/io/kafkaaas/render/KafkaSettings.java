package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How this broker takes part in the cluster. In KRaft mode the roles are resolved against the voters here,
 * so that a controller that is not in its own voters list (it could never join the quorum) stops the run.
 */
public record KafkaSettings(KafkaMode mode, Optional<String> zookeeperConnect, List<ControllerVoter> voters,
                            ProcessRoles roles, int listenerPort, int controllerPort, String securityProtocol,
                            int brokerCount, Optional<String> clusterId) {
    public static final int MAX_BROKERS = 4096;
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    public KafkaSettings {
        voters = List.copyOf(voters);
        checkPort("--listener-port", listenerPort);
        checkPort("--controller-port", controllerPort);
        if (!PROTOCOLS.contains(securityProtocol)) {
            throw new UsageException("--security-protocol '" + securityProtocol + "' is not one of " + String.join(", ", PROTOCOLS.stream().sorted().toList()));
        }
        if (brokerCount < 1 || brokerCount > MAX_BROKERS) {
            throw new UsageException("--broker-count " + brokerCount + " is out of range 1-" + MAX_BROKERS);
        }
        clusterId.ifPresent(KafkaSettings::checkClusterId);
        if (mode == KafkaMode.zookeeper && zookeeperConnect.isEmpty()) {
            throw new UsageException("--zookeeper is required with --kafka-mode zookeeper: Kafka's zookeeper.connect, e.g. zk1:2181,zk2:2181/kafka");
        }
        if (mode == KafkaMode.kraft) {
            if (voters.isEmpty()) {
                throw new UsageException("--controller-voters is required with --kafka-mode kraft: id@ip:port of every controller,"
                        + " e.g. 0@10.0.1.10:9093,1@10.0.2.10:9093,2@10.0.3.10:9093");
            }
            if (listenerPort == controllerPort) {
                throw new UsageException("--listener-port and --controller-port are both " + listenerPort + "; give the controller its own port");
            }
        }
    }

    private static void checkPort(String option, int port) {
        if (port < 1 || port > 65535) {
            throw new UsageException(option + " " + port + " is out of range 1-65535");
        }
    }

    /** Kafka's cluster ids are 16 random bytes in URL-safe base64 without padding (kafka-storage random-uuid). */
    private static void checkClusterId(String id) {
        boolean ok = id.matches("[A-Za-z0-9_-]{22}");
        if (ok) {
            try {
                ok = Base64.getUrlDecoder().decode(id).length == 16;
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new UsageException("--cluster-id '" + id + "' is not a Kafka cluster id (22 characters of URL-safe base64,"
                    + " as 'kafka-storage random-uuid' prints)");
        }
    }

    public Optional<ControllerVoter> voter(int nodeId) {
        return voters.stream().filter(v -> v.id() == nodeId).findFirst();
    }
}
