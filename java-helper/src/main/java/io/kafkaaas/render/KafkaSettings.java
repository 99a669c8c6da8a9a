package io.kafkaaas.render;

import io.kafkaaas.core.BrokerCount;
import io.kafkaaas.core.InvalidValueException;
import io.kafkaaas.core.KafkaClusterId;
import io.kafkaaas.core.UsageException;

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
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    public KafkaSettings {
        voters = List.copyOf(voters);
        checkPort("--listener-port", listenerPort);
        checkPort("--controller-port", controllerPort);
        if (!PROTOCOLS.contains(securityProtocol)) {
            throw new UsageException("--security-protocol '" + securityProtocol + "' is not one of " + String.join(", ", PROTOCOLS.stream().sorted().toList()));
        }
        InvalidValueException.named("--broker-count", () -> new BrokerCount(brokerCount));
        clusterId.ifPresent(id -> InvalidValueException.named("--cluster-id", () -> new KafkaClusterId(id)));
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

    public Optional<ControllerVoter> voter(int nodeId) {
        return voters.stream().filter(v -> v.id() == nodeId).findFirst();
    }
}
