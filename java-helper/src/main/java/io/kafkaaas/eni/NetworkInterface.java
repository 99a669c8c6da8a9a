package io.kafkaaas.eni;

import java.util.Optional;

/** What the domain needs to know about one ENI. */
public record NetworkInterface(
        String id,
        String name,
        String availabilityZone,
        String subnetId,
        String privateIp,
        String macAddress,
        String status,
        Optional<EniAttachment> attachment) {

    public boolean isAttachedTo(String instanceId) {
        return attachment.map(a -> a.instanceId().equals(instanceId)).orElse(false);
    }

    /** The instance this ENI is attached to, if any. */
    public Optional<String> attachedInstance() {
        return attachment.map(EniAttachment::instanceId);
    }
}
