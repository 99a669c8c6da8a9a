package io.kafkaaas.cli;

import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.Sleeper;
import io.kafkaaas.eni.EniAttacher;
import io.kafkaaas.localcloud.DirectoryBlockDevices;
import io.kafkaaas.localcloud.DirectoryMounts;
import io.kafkaaas.os.LinuxMounts;
import io.kafkaaas.os.MetaPropertiesFile;
import io.kafkaaas.os.PosixDirectoryOwners;
import io.kafkaaas.os.SysfsBlockDevices;
import io.kafkaaas.os.SysfsNetworkInterfaces;
import io.kafkaaas.volume.VolumeAttacher;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Builds the ENI and volume services on the real adapters; shared by attach-eni, attach-volume and bootstrap. */
final class AttachWiring {
    private final Adapters adapters;
    private final ResourceWaiter waiter;

    AttachWiring(Adapters adapters, Clock clock, Sleeper sleeper) {
        this.adapters = adapters;
        this.waiter = new ResourceWaiter(clock, sleeper);
    }

    static AttachWiring system(Adapters adapters) {
        return new AttachWiring(adapters, Clock.systemUTC(), Sleeper.system());
    }

    EniAttacher eniAttacher() {
        return new EniAttacher(adapters.networkInterfaces(), adapters.instanceDirectory(), SysfsNetworkInterfaces.system(),
                adapters.interfaceMetadata(), waiter);
    }

    VolumeAttacher volumeAttacher(Path fstab, Optional<Path> localVolumes) {
        if (localVolumes.isPresent()) {
            DirectoryBlockDevices devices = new DirectoryBlockDevices(localVolumes.get());
            return new VolumeAttacher(adapters.volumes(), adapters.instanceDirectory(), devices,
                    new DirectoryMounts(devices, fstab), new MetaPropertiesFile(), PosixDirectoryOwners.system(), waiter);
        }
        return new VolumeAttacher(adapters.volumes(), adapters.instanceDirectory(), SysfsBlockDevices.system(),
                LinuxMounts.system(fstab), new MetaPropertiesFile(), PosixDirectoryOwners.system(), waiter);
    }
}
