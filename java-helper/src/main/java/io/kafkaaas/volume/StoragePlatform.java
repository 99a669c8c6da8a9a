package io.kafkaaas.volume;

import java.nio.file.Path;

/**
 * Where this machine's volumes appear as block devices and get mounted. In production that is the kernel
 * (sysfs, blkid, mkfs, mount: {@code os/LinuxStoragePlatform}); a stand-in for a machine without EBS (the
 * simulation's directories standing in for disks) comes from a {@link StoragePlatformProvider} on the classpath.
 */
public interface StoragePlatform {
    BlockDevices blockDevices();

    /** The mount table, with fstab at this path. */
    Mounts mounts(Path fstab);
}
