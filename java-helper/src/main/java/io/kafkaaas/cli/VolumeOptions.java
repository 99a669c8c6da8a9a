package io.kafkaaas.cli;

import io.kafkaaas.core.KafkaClusterId;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.volume.Filesystem;
import io.kafkaaas.volume.KafkaAccount;
import io.kafkaaas.volume.VolumeRequest;
import io.kafkaaas.volume.VolumeSettings;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** How to attach, format and mount the broker's volume; shared by attach-volume and bootstrap. */
public final class VolumeOptions {
    private static final Pattern DEVICE = Pattern.compile("/dev/[A-Za-z0-9][A-Za-z0-9._/-]*");

    @Option(names = "--mount-point", paramLabel = "DIR", description = "Where to mount the volume (created if missing).")
    Path mountPoint;

    @Option(names = "--device", paramLabel = "DEV", defaultValue = VolumeRequest.DEFAULT_DEVICE,
            description = "Device name for AttachVolume, and the fallback path when no NVMe serial matches. Default: ${DEFAULT-VALUE}.")
    String device = VolumeRequest.DEFAULT_DEVICE;

    @Option(names = "--filesystem", paramLabel = "xfs|ext4", defaultValue = "xfs",
            description = "Filesystem for a blank, never-formatted volume (an existing one is mounted as it is). Default: ${DEFAULT-VALUE}.")
    Filesystem filesystem = Filesystem.xfs;

    @Option(names = "--log-dir", paramLabel = "DIR[,DIR]", split = ",",
            description = "Kafka log directories (log.dirs) on the volume: each one's meta.properties is checked, and each"
                    + " is created and given to --kafka-user. Default: <mount-point>/logs.")
    List<Path> logDirs = new ArrayList<>();

    @Option(names = "--kafka-user", paramLabel = "USER", defaultValue = "cp-kafka",
            description = "User the Kafka service runs as; it owns the log directories. Default: ${DEFAULT-VALUE} (Confluent's packages).")
    String kafkaUser = "cp-kafka";

    @Option(names = "--fstab", paramLabel = "FILE", defaultValue = "/etc/fstab", description = "The fstab to edit. Default: ${DEFAULT-VALUE}.")
    Path fstab = Path.of("/etc/fstab");

    @Option(names = "--no-mount", description = "Only attach the volume: no device lookup wait, format, mount or fstab.")
    boolean noMount;

    @Option(names = "--local-volumes", paramLabel = "DIR",
            description = "For the local cloud only (simulate, kitchen): volumes live under DIR, on the storage platform"
                    + " the simulation jar provides (it must be on the classpath); never use it on EC2.")
    Path localVolumes;

    @Option(names = "--cluster-id", paramLabel = "ID",
            description = "Kafka cluster id; when given, meta.properties' cluster.id must equal it.")
    KafkaClusterId clusterId;

    public void validate() {
        if (!DEVICE.matcher(device).matches() || device.contains("..")) {
            throw new UsageException("--device '" + device + "' is not a device path (e.g. /dev/xvdg)");
        }
        if (mountPoint != null && (!mountPoint.isAbsolute() || mountPoint.getParent() == null)) {
            throw new UsageException("--mount-point " + mountPoint + " must be an absolute path below /");
        }
        for (Path logDir : logDirs) {
            if (!logDir.isAbsolute()) {
                throw new UsageException("--log-dir " + logDir + " must be an absolute path on the volume");
            }
        }
        if (localVolumes != null && !Files.isDirectory(localVolumes)) {
            throw new UsageException("--local-volumes " + localVolumes + " is not a directory (the local cloud's volumes)");
        }
        if (noMount) {
            return;
        }
        if (mountPoint == null) {
            throw new UsageException("--mount-point is required (or pass --no-mount to attach only)");
        }
        if (Files.exists(mountPoint) && !Files.isDirectory(mountPoint)) {
            throw new UsageException("--mount-point " + mountPoint + " exists and is not a directory; choose a directory");
        }
        Path dir = fstab.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir) || (Files.exists(fstab) && !Files.isRegularFile(fstab))) {
            throw new UsageException("--fstab " + fstab + " is not a file in an existing directory");
        }
        requireWritable(fstab, dir);
    }

    /**
     * fstab is written last, after mkfs and mount, so whether it can be written is proven first: opening it for
     * writing (without writing) asks the kernel itself, which also knows read-only mounts and immutable files.
     */
    private static void requireWritable(Path fstab, Path dir) {
        if (Files.exists(fstab)) {
            try (FileChannel ignored = FileChannel.open(fstab, StandardOpenOption.WRITE)) {
                return;
            } catch (IOException e) {
                throw new UsageException("--fstab " + fstab + " cannot be written (" + e.getMessage() + "); nothing was changed:"
                        + " make it writable (read-only mount? chattr -i?) or pass another --fstab");
            }
        }
        if (!Files.isWritable(dir)) {
            throw new UsageException("--fstab " + fstab + " cannot be created: " + dir + " is not writable; nothing was changed");
        }
    }

    /** kafkaGroup comes from the command: render's --kafka-group, which bootstrap shares. */
    public VolumeSettings settings(String kafkaGroup) {
        validate();
        return new VolumeSettings(device, filesystem,
                noMount ? Optional.empty() : Optional.of(mountPoint.toAbsolutePath().normalize()),
                noMount ? List.of() : logDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList(),
                clusterId(), account(kafkaGroup));
    }

    public KafkaAccount account(String kafkaGroup) {
        return new KafkaAccount(kafkaUser, kafkaGroup);
    }

    public Optional<String> clusterId() {
        return Optional.ofNullable(clusterId).map(KafkaClusterId::value);
    }

    /** Kafka's log directories on the volume: --log-dir, else &lt;mount-point&gt;/logs; empty when neither is known. */
    public List<Path> logDirs() {
        List<Path> dirs = !logDirs.isEmpty() ? logDirs : mountPoint == null ? List.of() : List.of(mountPoint.resolve("logs"));
        return dirs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    public Path fstab() {
        return fstab;
    }

    public Optional<Path> localVolumes() {
        return Optional.ofNullable(localVolumes);
    }
}
