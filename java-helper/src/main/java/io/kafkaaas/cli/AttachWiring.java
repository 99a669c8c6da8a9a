package io.kafkaaas.cli;

import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.Sleeper;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.eni.EniAttacher;
import io.kafkaaas.os.LinuxStoragePlatform;
import io.kafkaaas.os.MetaPropertiesFile;
import io.kafkaaas.os.PosixDirectoryOwners;
import io.kafkaaas.os.SysfsNetworkInterfaces;
import io.kafkaaas.volume.StoragePlatform;
import io.kafkaaas.volume.StoragePlatformProvider;
import io.kafkaaas.volume.VolumeAttacher;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.ServiceLoader;

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
        StoragePlatform platform = localVolumes.map(AttachWiring::volumesUnder).orElseGet(LinuxStoragePlatform::new);
        return new VolumeAttacher(adapters.volumes(), adapters.instanceDirectory(), platform.blockDevices(),
                platform.mounts(fstab), new MetaPropertiesFile(), PosixDirectoryOwners.system(), waiter);
    }

    /** --local-volumes: a platform from the classpath (the simulation's); the production jar carries none. */
    private static StoragePlatform volumesUnder(Path directory) {
        return ServiceLoader.load(StoragePlatformProvider.class).findFirst()
                .orElseThrow(() -> new UsageException("--local-volumes " + directory + " needs a storage platform for"
                        + " directories on the classpath, which only the simulation has: run the helper as"
                        + " java -cp kafka-aas.jar:kafka-aas-simulation.jar io.kafkaaas.cli.Main, or drop --local-volumes on EC2"))
                .volumesUnder(directory);
    }
}
