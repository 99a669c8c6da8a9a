package io.kafkaaas.volume;

import java.util.List;
import java.util.Optional;

/**
 * What the domain needs to know about one EBS volume. formattedMark is the value of the kafka-aas:formatted tag and
 * fsUuidMark of kafka-aas:fs-uuid: both are set only right after this tool's own mkfs on the proven device, and
 * fs-uuid also on the first clean mount of a filesystem made elsewhere. A volume with either mark and no visible
 * filesystem is never formatted again; a filesystem whose UUID differs from fsUuidMark is never mounted.
 * snapshotId is set when EC2 created the volume from a snapshot: such a volume holds data by definition.
 */
public record Volume(
        String id,
        String name,
        String availabilityZone,
        String state,
        long sizeGiB,
        Optional<String> snapshotId,
        Optional<String> formattedMark,
        Optional<String> fsUuidMark,
        List<VolumeAttachment> attachments) {

    public static final String FORMATTED_TAG = "kafka-aas:formatted";
    public static final String FS_UUID_TAG = "kafka-aas:fs-uuid";
    private static final long GIB = 1L << 30;

    /** Whether anything recorded on the volume says a filesystem was ever on it. */
    public boolean everHadFilesystem() {
        return formattedMark.isPresent() || fsUuidMark.isPresent();
    }

    public long sizeBytes() {
        return sizeGiB * GIB;
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
