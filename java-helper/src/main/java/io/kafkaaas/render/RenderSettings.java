package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.PolicyRouting;

import java.util.Optional;

/**
 * How to render a broker's files, apart from the facts the earlier steps find out (id, IP, AZ, log dirs,
 * routing). Each part has checked itself; the rules that need the facts run when the request is built.
 */
public record RenderSettings(KafkaSettings kafka, NetworkStyle networkStyle, JvmSettings jvm, BrokerSettings settings,
                             RenderPaths paths, String kafkaGroup, AdvertisedHost advertisedHost) {

    public RenderSettings {
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

    /** Brokers that advertise their ENI IP. */
    public RenderSettings(KafkaSettings kafka, NetworkStyle networkStyle, JvmSettings jvm, BrokerSettings settings,
                          RenderPaths paths, String kafkaGroup) {
        this(kafka, networkStyle, jvm, settings, paths, kafkaGroup, AdvertisedHost.eniIp());
    }

    /** The request for one broker; routing is empty exactly when the network style is none. */
    public RenderRequest request(BrokerIdentity broker, Optional<PolicyRouting> routing) {
        return new RenderRequest(broker, kafka, networkStyle, routing, jvm, settings, paths, kafkaGroup, advertisedHost);
    }
}
