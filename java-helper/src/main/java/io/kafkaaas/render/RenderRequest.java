package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.PolicyRouting;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything render needs, validated as a whole before any file is touched. The records it is made of check
 * their own fields; the rules that span them (a KRaft controller must be one of its voters, at its own ENI
 * IP) live here.
 */
public record RenderRequest(BrokerIdentity broker, KafkaSettings kafka, NetworkStyle networkStyle,
                            Optional<PolicyRouting> routing, JvmSettings jvm, BrokerSettings settings,
                            RenderPaths paths, String kafkaGroup, ListenerSecurity security, AdvertisedHost advertisedHost) {
    private static final Pattern GROUP = Pattern.compile("[a-z_][a-z0-9_-]{0,31}\\$?");

    public RenderRequest {
        if (broker.id() >= kafka.brokerCount()) {
            throw new UsageException("--broker-id " + broker.id() + " is outside the cluster's ids 0-" + (kafka.brokerCount() - 1)
                    + " (--broker-count " + kafka.brokerCount() + "); pass the id claim-id returned");
        }
        if (networkStyle != NetworkStyle.none && routing.isEmpty()) {
            throw new UsageException("--network-style " + networkStyle + " needs --interface and --subnet-cidr"
                    + " (and --gateway unless it is the subnet's first address); or pass --network-style none");
        }
        routing.ifPresent(r -> {
            if (!r.privateIp().equals(broker.privateIp())) {
                throw new UsageException("policy routing is for " + r.privateIp() + " but the broker listens on " + broker.privateIp());
            }
        });
        if (!GROUP.matcher(kafkaGroup).matches()) {
            throw new UsageException("--kafka-group '" + kafkaGroup + "' is not a group name");
        }
        if (kafka.mode() == KafkaMode.kraft) {
            checkVoters(broker, kafka, resolveRoles(broker, kafka));
        }
    }

    /** AUTO: a node named in the voters list is a combined broker and controller; every other node is a broker. */
    public static ProcessRoles resolveRoles(BrokerIdentity broker, KafkaSettings kafka) {
        if (kafka.roles() != ProcessRoles.AUTO) {
            return kafka.roles();
        }
        return kafka.voter(broker.id()).isPresent() ? ProcessRoles.COMBINED : ProcessRoles.BROKER;
    }

    public ProcessRoles roles() {
        return resolveRoles(broker, kafka);
    }

    private static void checkVoters(BrokerIdentity broker, KafkaSettings kafka, ProcessRoles roles) {
        Optional<ControllerVoter> self = kafka.voter(broker.id());
        if (roles.isController()) {
            ControllerVoter me = self.orElseThrow(() -> new UsageException("node " + broker.id() + " is a KRaft controller ("
                    + roles.value() + ") but --controller-voters " + voterList(kafka) + " does not name it; add "
                    + broker.id() + "@" + broker.privateIp() + ":" + kafka.controllerPort()));
            if (!me.host().equals(broker.privateIp()) || me.port() != kafka.controllerPort()) {
                throw new UsageException("--controller-voters names node " + broker.id() + " as " + me.host() + ":" + me.port()
                        + " but this node's controller listens on " + broker.privateIp() + ":" + kafka.controllerPort()
                        + "; fix the voters list or --controller-port");
            }
        } else if (self.isPresent()) {
            throw new UsageException("node " + broker.id() + " is named in --controller-voters but --process-roles is "
                    + roles.value() + "; make it a controller (auto or broker,controller) or drop it from the voters");
        }
    }

    private static String voterList(KafkaSettings kafka) {
        return String.join(",", kafka.voters().stream().map(ControllerVoter::toString).toList());
    }
}
