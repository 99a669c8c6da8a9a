package io.kafkaaas.localcloud;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One EBS volume, backed by a directory under the workdir: the data a replacement broker must find again.
 * Mutable state is guarded by the {@link LocalCloud} that owns it.
 */
public final class CloudVolume {
    private final String id;
    private final String availabilityZone;
    private final int sizeGiB;
    private final String volumeType;
    private final Path directory;
    private final Instant createTime;
    final CloudTags tags = new CloudTags();
    volatile Attachment attachment;

    /** attaching, attached, detaching; the attachment disappears once detached. */
    public record Attachment(String instanceId, String device, String status, Instant attachTime) {
        Attachment withStatus(String newStatus) {
            return new Attachment(instanceId, device, newStatus, attachTime);
        }
    }

    CloudVolume(String id, String availabilityZone, int sizeGiB, String volumeType, Path directory, Instant createTime) {
        this.id = id;
        this.availabilityZone = availabilityZone;
        this.sizeGiB = sizeGiB;
        this.volumeType = volumeType;
        this.directory = directory;
        this.createTime = createTime;
    }

    public String id() {
        return id;
    }

    public String availabilityZone() {
        return availabilityZone;
    }

    public int sizeGiB() {
        return sizeGiB;
    }

    public String volumeType() {
        return volumeType;
    }

    /** Where the volume's bytes live on this machine. */
    public Path directory() {
        return directory;
    }

    public Instant createTime() {
        return createTime;
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
