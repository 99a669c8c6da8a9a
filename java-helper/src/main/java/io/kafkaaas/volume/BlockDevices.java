package io.kafkaaas.volume;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Port: the block devices of this instance (sysfs, blkid and mkfs in production; directories in the local cloud). */
public interface BlockDevices {
    /** The NVMe device whose serial is the volume id without its dash (Nitro instances), e.g. /dev/nvme1n1. */
    Optional<Path> findByVolumeId(String volumeId);

    /** The EBS volume id behind a device path, when it is (or links to) an NVMe EBS device; empty otherwise. */
    Optional<String> volumeIdOf(Path device);

    /** Whether the path exists and is a block device we can use. */
    boolean isBlockDevice(Path device);

    FilesystemProbe probe(Path device);

    /** Whether this machine can make that filesystem (mkfs present); checked before anything is attached. */
    boolean canFormat(Filesystem filesystem);

    void format(Path device, Filesystem filesystem);

    /** Every device that carries a filesystem with this UUID; mounting by UUID needs exactly one. */
    List<Path> devicesWithUuid(String uuid);
}
