package io.kafkaaas.simulation;

import java.nio.file.Path;

/** What bootstrap leaves on an instance: its broker id, ENI, volume, and the server.properties to start Kafka from. */
public record BootedBroker(int brokerId, String eniId, String privateIp, String volumeId, Path serverProperties) {
}
