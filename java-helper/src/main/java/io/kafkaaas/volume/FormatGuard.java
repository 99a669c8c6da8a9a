package io.kafkaaas.volume;

import io.kafkaaas.core.DataSafetyException;
import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalLong;

/**
 * The one place that may run mkfs (DESIGN.md, "EBS volume: data safety comes first"). It runs only on a device
 * {@link DeviceLocator} proved to be this volume, and only when every one of these holds:
 * <ol>
 *   <li>blkid read the device and positively found no signature;</li>
 *   <li>the volume carries neither {@value Volume#FORMATTED_TAG} nor {@value Volume#FS_UUID_TAG};</li>
 *   <li>EC2 did not create the volume from a snapshot: a restored volume holds data by definition;</li>
 *   <li>the device reads as zeros at its start and in a sample across it ({@link ZeroCheck}).</li>
 * </ol>
 * mkfs never gets a force flag. Both tags are written only after this run's own mkfs succeeded; a filesystem found
 * on the device must carry the UUID recorded on the volume, if one is. Anything else fails closed (exit 5).
 */
public final class FormatGuard {
    private static final Logger LOG = LoggerFactory.getLogger(FormatGuard.class);

    private final BlockDevices devices;
    private final Volumes volumes;
    private final ZeroCheck zeroCheck;
    private final Clock clock;

    public FormatGuard(BlockDevices devices, Volumes volumes, Clock clock) {
        this.devices = devices;
        this.volumes = volumes;
        this.zeroCheck = new ZeroCheck(devices);
        this.clock = clock;
    }

    public PreparedFilesystem prepare(String subject, Volume volume, Path device, Filesystem wanted) {
        FilesystemProbe probe = devices.probe(device);
        if (probe instanceof FilesystemProbe.Found found) {
            return existing(subject, volume, device, found);
        }
        if (probe instanceof FilesystemProbe.Blank) {
            return formatBlank(subject, volume, device, wanted);
        }
        if (probe instanceof FilesystemProbe.Foreign foreign) {
            throw new DataSafetyException(subject + " on " + device + " carries " + foreign.signature()
                    + ", not a filesystem kafka-aas can mount; refusing to format or mount it: inspect it by hand");
        }
        FilesystemProbe.Unreadable unreadable = (FilesystemProbe.Unreadable) probe;
        throw new DataSafetyException("could not tell what is on " + device + " (" + subject + "): " + unreadable.reason()
                + "; refusing to format it: check the device and rerun");
    }

    /** The filesystem is bound to the volume by its UUID: a different one is another filesystem, whoever made it. */
    private PreparedFilesystem existing(String subject, Volume volume, Path device, FilesystemProbe.Found found) {
        if (volume.fsUuidMark().isPresent() && !volume.fsUuidMark().get().equals(found.uuid())) {
            throw new DataSafetyException(device + " (" + subject + ") holds a " + found.type() + " filesystem with UUID "
                    + found.uuid() + " but the volume is tagged " + Volume.FS_UUID_TAG + "=" + volume.fsUuidMark().get()
                    + "; refusing to mount a filesystem this volume was not formatted with: check that " + device
                    + " really is this volume and what rewrote it; fix the tag only if you know why they differ");
        }
        LOG.info("{} on {} has a {} filesystem (UUID {}); not formatting", subject, device, found.type(), found.uuid());
        return new PreparedFilesystem(found.type(), found.uuid(), false, false, volume.fsUuidMark().isEmpty());
    }

    private PreparedFilesystem formatBlank(String subject, Volume volume, Path device, Filesystem wanted) {
        // Rule: never marked formatted. A marked volume without a visible filesystem means a wrong device or a lost one.
        if (volume.everHadFilesystem()) {
            String marks = volume.formattedMark().map(m -> Volume.FORMATTED_TAG + "=" + m).orElse("")
                    + volume.fsUuidMark().map(u -> (volume.formattedMark().isPresent() ? ", " : "") + Volume.FS_UUID_TAG + "=" + u).orElse("");
            throw new DataSafetyException(subject + " is tagged " + marks + " but blkid finds no filesystem on " + device
                    + "; refusing to format it: check that " + device + " really is this volume, restore it from a"
                    + " snapshot, or delete the tags only if you know it holds no data");
        }
        // Rule: not created from a snapshot.
        if (volume.snapshotId().isPresent()) {
            throw new DataSafetyException(subject + " was created from snapshot " + volume.snapshotId().get()
                    + " but blkid finds no filesystem on " + device + "; refusing to format a restored volume: check the"
                    + " snapshot (its data may be in a partition or need repair) and mount it by hand");
        }
        // Rule: reads as zeros.
        long size = devices.sizeBytes(device).orElseThrow(() -> new DataSafetyException("cannot read the size of "
                + device + " (" + subject + "); refusing to format it: check the device and rerun"));
        OptionalLong dirty = firstNonZero(subject, device, size);
        if (dirty.isPresent()) {
            throw new DataSafetyException(subject + " on " + device + " has no signature blkid knows, but it is not blank:"
                    + " non-zero bytes at offset " + dirty.getAsLong() + "; refusing to format what may be someone's data"
                    + " (a damaged filesystem, or one made by another tool): inspect it by hand (e.g. e2fsck -n, xfs_repair -n),"
                    + " or wipe it yourself if you know it holds nothing");
        }
        LOG.info("{} on {} is blank, never formatted, not from a snapshot and reads as zeros: making {}", subject, device, wanted);
        try {
            devices.format(device, wanted);
        } catch (KafkaAasException | UncheckedIOException e) {
            throw new DataSafetyException("mkfs." + wanted + " on " + device + " (" + subject + ") failed: " + e.getMessage()
                    + "; nothing was tagged or mounted, so the next run decides again from what is on the device: check"
                    + " the device and dmesg, then rerun");
        }
        FilesystemProbe after = devices.probe(device);
        if (!(after instanceof FilesystemProbe.Found made)) {
            throw new DataSafetyException("mkfs." + wanted + " on " + device + " (" + subject + ") left no visible filesystem ("
                    + after + "); nothing was tagged or mounted: check the device and dmesg");
        }
        record(subject, volume, device, made);
        return new PreparedFilesystem(made.type(), made.uuid(), true, true, false);
    }

    private OptionalLong firstNonZero(String subject, Path device, long size) {
        try {
            return zeroCheck.firstNonZero(device, size);
        } catch (UncheckedIOException e) {
            throw new DataSafetyException("cannot read " + device + " (" + subject + ") to prove it blank: "
                    + e.getCause().getMessage() + "; refusing to format it: check the device and rerun");
        }
    }

    /** Both tags in one request; if it fails, the untagged filesystem is adopted (never formatted) by the next run. */
    private void record(String subject, Volume volume, Path device, FilesystemProbe.Found made) {
        try {
            volumes.recordFormat(volume.id(), "mkfs " + made.type() + " " + clock.instant(), made.uuid());
        } catch (KafkaAasException e) {
            String why = "mkfs made a " + made.type() + " filesystem (UUID " + made.uuid() + ") on " + device + " (" + subject
                    + ") but tagging the volume failed: " + e.getMessage() + "; nothing is mounted, and the next run adopts"
                    + " this untagged filesystem after its checks: rerun";
            throw e.exitCode() == ExitCode.UNREACHABLE ? new DependencyUnreachableException(why, e)
                    : new DataSafetyException(why);
        }
    }

    /**
     * The filesystem to mount. formatted and tagged say what this run changed; adoptUuid asks the caller to record
     * the UUID on the volume once the filesystem has been mounted and its meta.properties passed.
     */
    public record PreparedFilesystem(String type, String uuid, boolean formatted, boolean tagged, boolean adoptUuid) {
    }
}
