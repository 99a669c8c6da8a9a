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

/**
 * Mounts the broker's filesystem by UUID and keeps its fstab line, idempotently. It refuses to stack the volume on
 * a mount point that already holds another device, to mount it a second time elsewhere, or to mount by a UUID
 * that two devices share (a volume restored from another broker's snapshot does): each would put a broker's
 * data somewhere it does not belong.
 */
public final class VolumeMounter {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeMounter.class);

    private final Mounts mounts;
    private final BlockDevices devices;

    public VolumeMounter(Mounts mounts, BlockDevices devices) {
        this.mounts = mounts;
        this.devices = devices;
    }

    /** Returns true when this call mounted it. */
    public boolean mount(String subject, Path device, FormatGuard.PreparedFilesystem fs, Path mountPoint) {
        List<MountedFilesystem> table = mounts.mounted();
        Optional<MountedFilesystem> atPoint = at(table, mountPoint);
        if (atPoint.isPresent()) {
            if (sameDevice(atPoint.get().source(), device)) {
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
        createMountPoint(mountPoint);
        mounts.mountByUuid(fs.uuid(), fs.type(), mountPoint);
        Optional<MountedFilesystem> mounted = at(mounts.mounted(), mountPoint);
        if (mounted.isEmpty() || !sameDevice(mounted.get().source(), device)) {
            if (mounted.isPresent()) {
                mounts.unmount(mountPoint);
            }
            throw new DataSafetyException("mounting UUID=" + fs.uuid() + " at " + mountPoint + " gave "
                    + mounted.map(m -> m.source().toString()).orElse("nothing") + " instead of " + device + " (" + subject
                    + "); unmounted it again: check for duplicate filesystem UUIDs");
        }
        LOG.info("mounted {} ({}, UUID {}) at {}", subject, device, fs.uuid(), mountPoint);
        return true;
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
