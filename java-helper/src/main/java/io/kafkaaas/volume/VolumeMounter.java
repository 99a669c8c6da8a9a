package io.kafkaaas.volume;

import io.kafkaaas.core.DataSafetyException;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Mounts the broker's filesystem by UUID and keeps its fstab line, idempotently. It refuses to stack the volume on
 * a mount point that already holds another device, to hide files in a non-empty mount point (DESIGN.md: "never
 * mount over a non-empty directory"), to mount it a second time elsewhere, or to mount by a UUID that two devices
 * share (a volume restored from another broker's snapshot does): each would put a broker's data somewhere it does
 * not belong, or hide it.
 */
public final class VolumeMounter {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeMounter.class);
    private static final int SHOWN_FILES = 5;

    private final Mounts mounts;
    private final BlockDevices devices;

    public VolumeMounter(Mounts mounts, BlockDevices devices) {
        this.mounts = mounts;
        this.devices = devices;
    }

    /** Mounts it read-write; returns true when this call mounted it (false: it already was). */
    public boolean mount(String subject, Path device, FormatGuard.PreparedFilesystem fs, Path mountPoint) {
        return mount(subject, device, fs, mountPoint, false);
    }

    /**
     * Mounts it read-only without replaying its journal, so that looking at meta.properties writes nothing to a
     * volume we may still refuse; returns false (and mounts nothing) when it is already mounted there. The caller
     * unmounts it with {@link #undo} before the real mount.
     */
    public boolean inspect(String subject, Path device, FormatGuard.PreparedFilesystem fs, Path mountPoint) {
        return mount(subject, device, fs, mountPoint, true);
    }

    private boolean mount(String subject, Path device, FormatGuard.PreparedFilesystem fs, Path mountPoint, boolean readOnly) {
        List<MountedFilesystem> table = mounts.mounted();
        Optional<MountedFilesystem> atPoint = at(table, mountPoint);
        if (atPoint.isPresent()) {
            if (sameDevice(atPoint.get().source(), device)) {
                if (!readOnly && atPoint.get().readOnly()) {
                    throw new DataSafetyException(subject + " (" + device + ") is mounted read-only at " + mountPoint
                            + " (a look-only mount left by an interrupted run, or the kernel turned it read-only after"
                            + " errors); refusing to take it for the broker's mount: check dmesg for filesystem errors"
                            + " (repair with xfs_repair/e2fsck if there are any), then umount " + mountPoint + " and rerun");
                }
                LOG.info("{} is already mounted at {}", subject, mountPoint);
                return false;
            }
            throw new DataSafetyException(mountPoint + " already has " + atPoint.get().source() + " mounted, not "
                    + subject + " (" + device + "); unmount it or choose another --mount-point");
        }
        Optional<MountedFilesystem> elsewhere = table.stream().filter(m -> sameDevice(m.source(), device)).findFirst();
        if (elsewhere.isPresent()) {
            throw new DataSafetyException(subject + " (" + device + ") is already mounted at " + elsewhere.get().mountPoint()
                    + "; unmount it or pass --mount-point " + elsewhere.get().mountPoint());
        }
        List<Path> sharing = devices.devicesWithUuid(fs.uuid());
        if (sharing.size() > 1) {
            throw new DataSafetyException("filesystem UUID " + fs.uuid() + " of " + subject + " is on several devices "
                    + sharing + "; mounting by UUID would be a coin toss: detach the copy (a volume made from a snapshot"
                    + " of this one) or change its UUID");
        }
        if (sharing.stream().noneMatch(d -> sameDevice(d, device))) {
            throw new DataSafetyException("blkid finds filesystem UUID " + fs.uuid() + " on " + sharing + " but not on "
                    + device + " (" + subject + "), where it was just probed; refusing to mount by UUID what may be"
                    + " another device: check blkid -c /dev/null -t UUID=" + fs.uuid() + " and dmesg, then rerun");
        }
        requireEmptyMountPoint(subject, mountPoint);
        createMountPoint(mountPoint);
        if (readOnly) {
            mounts.inspectByUuid(fs.uuid(), fs.type(), mountPoint);
        } else {
            mounts.mountByUuid(fs.uuid(), fs.type(), mountPoint);
        }
        Optional<MountedFilesystem> mounted = at(mounts.mounted(), mountPoint);
        if (mounted.isEmpty() || !sameDevice(mounted.get().source(), device)) {
            if (mounted.isPresent()) {
                mounts.unmount(mountPoint);
            }
            throw new DataSafetyException("mounting UUID=" + fs.uuid() + " at " + mountPoint + " gave "
                    + mounted.map(m -> m.source().toString()).orElse("nothing") + " instead of " + device + " (" + subject
                    + "); unmounted it again: check for duplicate filesystem UUIDs");
        }
        LOG.info("mounted {} ({}, UUID {}) at {}{}", subject, device, fs.uuid(), mountPoint, readOnly ? " read-only, to look" : "");
        return true;
    }

    /**
     * A mount point with nothing mounted on it must be empty: files there (Kafka logs written to the root disk
     * before the volume came, say) would be hidden under the volume, and a broker would start without them.
     */
    public void requireEmptyMountPoint(String subject, Path mountPoint) {
        if (!Files.isDirectory(mountPoint) || at(mounts.mounted(), mountPoint).isPresent()) {
            return;
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(mountPoint)) {
            names = entries.map(p -> p.getFileName().toString()).sorted().limit(SHOWN_FILES + 1).toList();
        } catch (IOException e) {
            throw new DataSafetyException("cannot list mount point " + mountPoint + " (" + subject + "): " + e.getMessage()
                    + "; refusing to mount over what may be in it: check the directory and rerun");
        }
        if (!names.isEmpty()) {
            String shown = String.join(", ", names.subList(0, Math.min(SHOWN_FILES, names.size())))
                    + (names.size() > SHOWN_FILES ? ", ..." : "");
            throw new DataSafetyException("mount point " + mountPoint + " is not empty (" + shown + "); refusing to mount "
                    + subject + " over it and hide those files: move them away (onto the volume, once mounted, if they are"
                    + " Kafka data) or choose another --mount-point");
        }
    }

    public boolean persist(FstabEntry entry) {
        return mounts.ensureFstabEntry(entry);
    }

    public void undo(Path mountPoint) {
        mounts.unmount(mountPoint);
    }

    private static Optional<MountedFilesystem> at(List<MountedFilesystem> table, Path mountPoint) {
        Path wanted = real(mountPoint);
        // The mount table holds canonical paths; the last mount on a path is the one that is visible.
        MountedFilesystem found = null;
        for (MountedFilesystem m : table) {
            if (m.mountPoint().equals(wanted) || m.mountPoint().equals(mountPoint)) {
                found = m;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Sources like "proc" or "overlay" are not devices; only absolute paths are compared (after following links). */
    static boolean sameDevice(Path a, Path b) {
        return a.isAbsolute() && b.isAbsolute() && real(a).equals(real(b));
    }

    static boolean samePath(Path a, Path b) {
        return a.equals(b) || real(a).equals(real(b));
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static void createMountPoint(Path mountPoint) {
        try {
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw new KafkaAasException(ExitCode.USAGE, "cannot create mount point " + mountPoint + ": " + e.getMessage()
                    + "; create it or choose another --mount-point");
        }
    }
}
