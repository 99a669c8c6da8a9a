package io.kafkaaas.volume;

import io.kafkaaas.core.BrokerTags;
import io.kafkaaas.instance.InstanceIdentity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Attach (and unless mountPoint is empty, mount) the volume of brokerId. device is the name given to AttachVolume
 * and the fallback lookup path when no NVMe serial matches; filesystem is what a never-formatted blank volume
 * gets; logDirs are Kafka's log.dirs on the volume (each one's meta.properties is checked, each one ends up owned
 * by account); clusterId, when present, must match their cluster.id.
 */
public record VolumeRequest(
        InstanceIdentity me,
        int brokerId,
        String tagPrefix,
        String device,
        Filesystem filesystem,
        Optional<Path> mountPoint,
        List<Path> logDirs,
        Optional<String> clusterId,
        KafkaAccount account,
        Duration timeout) {

    public static final String DEFAULT_DEVICE = "/dev/xvdg";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    public VolumeRequest {
        Objects.requireNonNull(me, "me");
        Objects.requireNonNull(tagPrefix, "tagPrefix");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(filesystem, "filesystem");
        Objects.requireNonNull(account, "account");
        logDirs = List.copyOf(logDirs);
        if (brokerId < 0) {
            throw new IllegalArgumentException("brokerId " + brokerId);
        }
        mountPoint.ifPresent(m -> {
            if (!m.isAbsolute()) {
                throw new IllegalArgumentException("mount point " + m + " is not absolute");
            }
        });
    }

    /** One log directory (or the default), run as Confluent's cp-kafka:confluent. */
    public VolumeRequest(InstanceIdentity me, int brokerId, String tagPrefix, String device, Filesystem filesystem,
                         Optional<Path> mountPoint, Optional<Path> logDir, Optional<String> clusterId, Duration timeout) {
        this(me, brokerId, tagPrefix, device, filesystem, mountPoint, logDir.map(List::of).orElse(List.of()), clusterId,
                KafkaAccount.CONFLUENT, timeout);
    }

    public String volumeName() {
        return BrokerTags.nameFor(tagPrefix, brokerId);
    }

    public boolean mounts() {
        return mountPoint.isPresent();
    }

    /** Kafka's log directories on the volume: --log-dir, else &lt;mount-point&gt;/logs. */
    public List<Path> effectiveLogDirs() {
        if (!logDirs.isEmpty()) {
            return logDirs;
        }
        return mountPoint.map(m -> List.of(m.resolve("logs"))).orElse(List.of());
    }
}
