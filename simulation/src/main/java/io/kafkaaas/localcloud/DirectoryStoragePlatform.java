package io.kafkaaas.localcloud;

import io.kafkaaas.volume.BlockDevices;
import io.kafkaaas.volume.Mounts;
import io.kafkaaas.volume.StoragePlatform;
import io.kafkaaas.volume.StoragePlatformProvider;

import java.nio.file.Path;

/**
 * The local cloud's storage for the production helper's --local-volumes DIR: each volume is the directory
 * DIR/&lt;volume-id&gt;, mounted by symbolic link. Found through ServiceLoader, so it works only with this
 * module on the classpath, never from the AMI's jar.
 */
public final class DirectoryStoragePlatform implements StoragePlatformProvider {
    @Override
    public StoragePlatform volumesUnder(Path directory) {
        DirectoryBlockDevices devices = new DirectoryBlockDevices(directory);
        return new StoragePlatform() {
            @Override
            public BlockDevices blockDevices() {
                return devices;
            }

            @Override
            public Mounts mounts(Path fstab) {
                return new DirectoryMounts(devices, fstab);
            }
        };
    }
}
