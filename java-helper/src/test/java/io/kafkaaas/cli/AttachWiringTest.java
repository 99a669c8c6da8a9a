package io.kafkaaas.cli;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.os.LinuxStoragePlatform;
import io.kafkaaas.volume.StoragePlatformProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production jar attaches real devices only: directories standing in for disks need the simulation's platform. */
class AttachWiringTest {
    @TempDir
    Path dir;

    @Test
    void theProductionClassPathHasNoOtherStoragePlatform() {
        assertThat(ServiceLoader.load(StoragePlatformProvider.class)).isEmpty();
        assertThat(new LinuxStoragePlatform().blockDevices()).isNotNull();
    }

    @Test
    void localVolumesWithoutTheSimulationsPlatformIsAUsageErrorThatSaysWhatToAdd() {
        try (Adapters adapters = new Adapters(new AwsOptions())) {
            assertThatThrownBy(() -> AttachWiring.system(adapters).volumeAttacher(dir.resolve("fstab"), Optional.of(dir)))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("--local-volumes " + dir)
                    .hasMessageContaining("kafka-aas-simulation.jar");
        }
    }
}
