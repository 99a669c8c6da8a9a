package io.kafkaaas.claim;

import io.kafkaaas.eni.NetworkInterface;

import java.util.List;
import java.util.Optional;

/** One broker id and the ENIs tagged for it (normally one; more is a misconfiguration we report). */
public record BrokerSlot(int brokerId, List<NetworkInterface> interfaces) {

    public Optional<NetworkInterface> interfaceIn(String availabilityZone) {
        return interfaces.stream().filter(n -> n.availabilityZone().equals(availabilityZone)).findFirst();
    }

    public boolean isEligibleIn(String availabilityZone) {
        return interfaceIn(availabilityZone).isPresent();
    }

    /** The AZ(s) of the slot's ENIs, for messages: "us-east-1a", "none". */
    public String zonesLabel() {
        if (interfaces.isEmpty()) {
            return "none";
        }
        return String.join("+", interfaces.stream().map(NetworkInterface::availabilityZone).distinct().toList());
    }
}
