package io.kafkaaas.eni;

import java.util.Optional;
import java.util.OptionalInt;

/** Port: what the instance's own metadata (IMDSv2) says about an attached interface, once it sees it. */
public interface InterfaceMetadata {
    OptionalInt deviceNumberOf(String macAddress);

    /** The CIDR block of the interface's subnet (subnet-ipv4-cidr-block), which policy routing needs. */
    Optional<String> subnetCidrOf(String macAddress);
}
