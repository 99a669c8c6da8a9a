package io.kafkaaas.volume;

import java.nio.file.Path;
import java.util.List;

/** Port: the mount table and fstab of this instance. */
public interface Mounts {
    List<MountedFilesystem> mounted();

    /** Mounts the filesystem with this UUID at mountPoint (which exists). */
    void mountByUuid(String uuid, String type, Path mountPoint);

    /**
     * Mounts it read-only and without replaying a journal (ext4 noload, xfs norecovery), so that reading it writes
     * nothing to the device: how a volume is looked at before it is accepted.
     */
    void inspectByUuid(String uuid, String type, Path mountPoint);

    void unmount(Path mountPoint);

    /** Makes fstab hold exactly this entry for its mount point and spec; returns whether the file changed. */
    boolean ensureFstabEntry(FstabEntry entry);
}
