package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.PolicyRouting;

import java.util.Optional;

/**
 * How to render a broker's files, apart from the facts the earlier steps find out (id, IP, AZ, log dirs,
 * routing). Each part has checked itself; the rules that need the facts run when the request is built.
 */
public record RenderSettings(KafkaSettings kafka, NetworkStyle networkStyle, JvmSettings jvm, BrokerSettings settings,
                             RenderPaths paths, String kafkaGroup, ListenerSecurity security, AdvertisedHost advertisedHost) {

    public RenderSettings {
        if (!security.client().name().equals(kafka.securityProtocol())) {
            throw new IllegalArgumentException("the client listener is " + security.client() + " in the security settings but "
                    + kafka.securityProtocol() + " in the Kafka settings");
        }
        security.interBroker().ifPresent(i -> {
            if (i.port() == kafka.listenerPort() || (kafka.mode() == KafkaMode.kraft && i.port() == kafka.controllerPort())) {
                throw new UsageException("--inter-broker-port " + i.port() + " is already the listener or controller port;"
                        + " give the inter-broker listener its own port");
            }
        });
        advertisedHost.checkFor(kafka.brokerCount());
        // Kafka or JMX, whichever starts second, would fail to bind, and the broker would never come up.
        jvm.jmxPort().ifPresent(jmx -> {
            if (jmx == kafka.listenerPort()) {
                throw new UsageException("--jmx-port " + jmx + " is also --listener-port: give JMX its own port (default 9999)");
            }
            if (kafka.mode() == KafkaMode.kraft && jmx == kafka.controllerPort()) {
                throw new UsageException("--jmx-port " + jmx + " is also --controller-port: give JMX its own port (default 9999)");
            }
        });
    }

    /** Every listener in plain text (or as --security-protocol names it), with no keystore or SASL; brokers advertise their ENI IP. */
    public RenderSettings(KafkaSettings kafka, NetworkStyle networkStyle, JvmSettings jvm, BrokerSettings settings,
                          RenderPaths paths, String kafkaGroup) {
        this(kafka, networkStyle, jvm, settings, paths, kafkaGroup, ListenerSecurity.plaintext(kafka.securityProtocol()), AdvertisedHost.eniIp());
    }

    /** The request for one broker; routing is empty exactly when the network style is none. */
    public RenderRequest request(BrokerIdentity broker, Optional<PolicyRouting> routing) {
        return new RenderRequest(broker, kafka, networkStyle, routing, jvm, settings, paths, kafkaGroup, security, advertisedHost);
    }
}
