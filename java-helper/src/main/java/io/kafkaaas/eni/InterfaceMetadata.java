package io.kafkaaas.eni;

import java.util.OptionalInt;

/** Port: what the instance's own metadata (IMDSv2) says about an interface: its device-number, once it sees it. */
public interface InterfaceMetadata {
    OptionalInt deviceNumberOf(String macAddress);
}
