package io.kafkaaas.boot;

import java.nio.file.Path;
import java.util.Optional;

/** What the claim, ENI and volume steps found out: everything the network and render steps need. */
public record BrokerFacts(
        int brokerId,
        String availabilityZone,
        String eniId,
        String privateIp,
        String macAddress,
        Optional<String> subnetCidr,
        Optional<String> interfaceName,
        String volumeId,
        Optional<Path> device) {
}
