package io.kafkaaas.volume;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Port: the block devices of this instance (sysfs, blkid and mkfs in production; directories in the local cloud).
 * Adapters report what they see and never guess: a device they cannot read or size is reported as such, so the
 * domain can fail closed.
 */
public interface BlockDevices {
    /** The NVMe device whose serial is the volume id without its dash (Nitro instances), e.g. /dev/nvme1n1. */
    Optional<Path> findByVolumeId(String volumeId);

    /** The EBS volume id behind a device path, when it is (or links to) an NVMe EBS device; empty otherwise. */
    Optional<String> volumeIdOf(Path device);

    /**
     * Whether this instance shows EBS volumes as NVMe devices with the volume id as serial (Nitro). Then only the
     * serial identifies a volume, and a name such as /dev/xvdg proves nothing.
     */
    boolean namesVolumesBySerial();

    /** Whether the path exists and is a block device we can use. */
    boolean isBlockDevice(Path device);

    /** The device's size in bytes, or empty when it cannot be read. */
    OptionalLong sizeBytes(Path device);

    /**
     * What holds the device besides mounts (which the mount table shows): other block devices stacked on it
     * (device-mapper, md, LVM: sysfs holders), active swap. Empty when nothing does.
     */
    List<String> holders(Path device);

    /**
     * Reads from offset into buffer until it is full or the device ends; returns the number of bytes read.
     *
     * @throws java.io.UncheckedIOException when the device cannot be read (the caller fails closed)
     */
    int read(Path device, long offset, ByteBuffer buffer);

    FilesystemProbe probe(Path device);

    /** Whether this machine can make that filesystem (mkfs present); checked before anything is attached. */
    boolean canFormat(Filesystem filesystem);

    /** Runs mkfs without any force flag; throws when it fails. */
    void format(Path device, Filesystem filesystem);

    /**
     * Every device that carries a filesystem with this UUID, probed now (never a cache); mounting by UUID needs
     * exactly one. Empty only when the search positively found none.
     *
     * @throws io.kafkaaas.core.DataSafetyException when the search failed: an unknown answer is never "no duplicate"
     */
    List<Path> devicesWithUuid(String uuid);
}
