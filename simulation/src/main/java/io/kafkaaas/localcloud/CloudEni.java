package io.kafkaaas.localcloud;

import java.time.Instant;
import java.util.Optional;

/** One network interface. Mutable state is guarded by the {@link LocalCloud} that owns it. */
public final class CloudEni {
    private final String id;
    private final Subnet subnet;
    private final String privateIp;
    private final String macAddress;
    private final String description;
    final CloudTags tags = new CloudTags();
    volatile Attachment attachment;

    /** attaching, attached, detaching; the attachment disappears once detached. */
    public record Attachment(String id, String instanceId, int deviceIndex, String status, Instant attachTime) {
        Attachment withStatus(String newStatus) {
            return new Attachment(id, instanceId, deviceIndex, newStatus, attachTime);
        }
    }

    CloudEni(String id, Subnet subnet, String privateIp, String macAddress, String description) {
        this.id = id;
        this.subnet = subnet;
        this.privateIp = privateIp;
        this.macAddress = macAddress;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public Subnet subnet() {
        return subnet;
    }

    public String availabilityZone() {
        return subnet.availabilityZone();
    }

    public String privateIp() {
        return privateIp;
    }

    public String macAddress() {
        return macAddress;
    }

    public String description() {
        return description;
    }

    public String name() {
        return tags.name();
    }

    public Optional<Attachment> attachment() {
        return Optional.ofNullable(attachment);
    }

    public String status() {
        return attachment == null ? "available" : "in-use";
    }
}
