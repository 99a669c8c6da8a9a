package io.kafkaaas.volume;

/**
 * What blkid (low-level probing, no cache) says is on a device. Only {@link Blank} allows mkfs, and only when
 * the device was also readable: anything we cannot read or do not understand is treated as data.
 */
public sealed interface FilesystemProbe {
    /** A filesystem: type as blkid names it (xfs, ext4, ...), and its UUID. */
    record Found(String type, String uuid) implements FilesystemProbe {
    }

    /** blkid read the device and positively found no signature at all. */
    record Blank() implements FilesystemProbe {
    }

    /** A signature that is not a mountable filesystem: a partition table, LVM, LUKS, RAID member, swap... */
    record Foreign(String signature) implements FilesystemProbe {
    }

    /** We could not tell: the device was unreadable or blkid failed. */
    record Unreadable(String reason) implements FilesystemProbe {
    }
}
