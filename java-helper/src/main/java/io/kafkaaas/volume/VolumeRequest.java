package io.kafkaaas.volume;

import io.kafkaaas.core.BrokerTags;
import io.kafkaaas.instance.InstanceIdentity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Attach (and unless mountPoint is empty, mount) the volume of brokerId. device is the name given to AttachVolume
 * and the fallback lookup path when no NVMe serial matches; filesystem is what a never-formatted blank volume
 * gets; logDir is where meta.properties is checked; clusterId, when present, must match its cluster.id.
 */
public record VolumeRequest(
        InstanceIdentity me,
        int brokerId,
        String tagPrefix,
        String device,
        Filesystem filesystem,
        Optional<Path> mountPoint,
        Optional<Path> logDir,
        Optional<String> clusterId,
        Duration timeout) {

    public static final String DEFAULT_DEVICE = "/dev/xvdg";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    public VolumeRequest {
        Objects.requireNonNull(me, "me");
        Objects.requireNonNull(tagPrefix, "tagPrefix");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(filesystem, "filesystem");
        if (brokerId < 0) {
            throw new IllegalArgumentException("brokerId " + brokerId);
        }
        mountPoint.ifPresent(m -> {
            if (!m.isAbsolute()) {
                throw new IllegalArgumentException("mount point " + m + " is not absolute");
            }
        });
    }

    public String volumeName() {
        return BrokerTags.nameFor(tagPrefix, brokerId);
    }

    public boolean mounts() {
        return mountPoint.isPresent();
    }

    /** The Kafka log directory on the volume: --log-dir, else &lt;mount-point&gt;/logs. */
    public Optional<Path> effectiveLogDir() {
        return logDir.or(() -> mountPoint.map(m -> m.resolve("logs")));
    }
}
