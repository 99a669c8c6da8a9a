package io.kafkaaas.os;

import io.kafkaaas.volume.BlockDevices;
import io.kafkaaas.volume.Mounts;
import io.kafkaaas.volume.StoragePlatform;

import java.nio.file.Path;

/** The default storage platform: this machine's kernel (sysfs, blkid, mkfs, mount and fstab). */
public final class LinuxStoragePlatform implements StoragePlatform {
    @Override
    public BlockDevices blockDevices() {
        return SysfsBlockDevices.system();
    }

    @Override
    public Mounts mounts(Path fstab) {
        return LinuxMounts.system(fstab);
    }
}
