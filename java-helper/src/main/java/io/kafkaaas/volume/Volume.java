package io.kafkaaas.volume;

import java.util.List;
import java.util.Optional;

/**
 * What the domain needs to know about one EBS volume. formattedMark is the value of the kafka-aas:formatted tag,
 * set right after our first mkfs: a marked volume with no visible filesystem is never formatted again.
 */
public record Volume(
        String id,
        String name,
        String availabilityZone,
        String state,
        Optional<String> formattedMark,
        List<VolumeAttachment> attachments) {

    public static final String FORMATTED_TAG = "kafka-aas:formatted";

    public boolean isMarkedFormatted() {
        return formattedMark.isPresent();
    }

    /** This instance's attachment, unless it is already gone. */
    public Optional<VolumeAttachment> attachmentTo(String instanceId) {
        return attachments.stream().filter(a -> a.instanceId().equals(instanceId) && !a.isDetached()).findFirst();
    }

    /** Attachments to other instances that still hold the volume. */
    public List<VolumeAttachment> heldByOthers(String instanceId) {
        return attachments.stream().filter(a -> !a.instanceId().equals(instanceId) && !a.isDetached()).toList();
    }
}
