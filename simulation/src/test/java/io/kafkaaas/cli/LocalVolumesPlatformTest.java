package io.kafkaaas.cli;

import io.kafkaaas.localcloud.DirectoryStoragePlatform;
import io.kafkaaas.volume.StoragePlatformProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With this module on the class path, the production --local-volumes finds directories standing in for disks
 * (SimulationIT then boots every instance through it); AttachWiringTest shows the production jar alone refuses.
 */
class LocalVolumesPlatformTest {
    @TempDir
    Path volumes;

    @Test
    void theSimulationProvidesTheOnlyStoragePlatformThroughServiceLoader() throws Exception {
        assertThat(ServiceLoader.load(StoragePlatformProvider.class)).singleElement().isInstanceOf(DirectoryStoragePlatform.class);
        Path volume = Files.createDirectories(volumes.resolve("vol-0123456789abcdef0"));

        var devices = ServiceLoader.load(StoragePlatformProvider.class).findFirst().orElseThrow()
                .volumesUnder(volumes).blockDevices();

        assertThat(devices.findByVolumeId("vol-0123456789abcdef0")).contains(volume);
        assertThat(devices.findByVolumeId("vol-0000000000000000f")).isEmpty();
    }
}
