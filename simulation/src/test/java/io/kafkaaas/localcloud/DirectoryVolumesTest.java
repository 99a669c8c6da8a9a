package io.kafkaaas.localcloud;

import io.kafkaaas.core.DataSafetyException;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.os.MetaPropertiesFile;
import io.kafkaaas.testing.FakeDirectoryOwners;
import io.kafkaaas.testing.FakeInstanceDirectory;
import io.kafkaaas.testing.FakeVolumes;
import io.kafkaaas.testing.ManualClock;
import io.kafkaaas.volume.Filesystem;
import io.kafkaaas.volume.VolumeAttacher;
import io.kafkaaas.volume.VolumeRequest;
import io.kafkaaas.volume.VolumeResult;
import io.kafkaaas.volume.ZeroCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local cloud's directory volumes go through the same data-safety rules as block devices. */
class DirectoryVolumesTest {
    private static final InstanceIdentity ME = new InstanceIdentity("i-me", "us-east-1a");

    @TempDir
    Path tmp;
    private final FakeDirectoryOwners owners = new FakeDirectoryOwners();

    private VolumeResult attach(FakeVolumes volumes, int brokerId) {
        DirectoryBlockDevices devices = new DirectoryBlockDevices(tmp.resolve("volumes"));
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        VolumeAttacher attacher = new VolumeAttacher(volumes, new FakeInstanceDirectory(), devices,
                new DirectoryMounts(devices, tmp.resolve("etc/fstab")), new MetaPropertiesFile(), owners,
                new ResourceWaiter(clock, clock.sleeper(), s -> { }));
        return attacher.attach(new VolumeRequest(ME, brokerId, "KAFKA-", "/dev/xvdg", Filesystem.xfs,
                Optional.of(tmp.resolve("kafka")), Optional.empty(), Optional.empty(), Duration.ofSeconds(10)));
    }

    @Test
    void anEmptyDirectoryIsFormattedOnceTaggedAndReattachedWithoutChange() throws IOException {
        Files.createDirectories(tmp.resolve("volumes/vol-0"));
        Files.createDirectories(tmp.resolve("etc"));
        FakeVolumes volumes = new FakeVolumes();
        volumes.add("vol-0", "KAFKA-0", "us-east-1a");

        VolumeResult first = attach(volumes, 0);

        assertThat(first.formatted()).isTrue();
        assertThat(volumes.get("vol-0").fsUuidMark()).isEqualTo(first.uuid());
        assertThat(tmp.resolve("kafka/logs")).isDirectory();
        assertThat(attach(volumes, 0).changed()).isFalse();
    }

    @Test
    void aDirectoryWithFilesButNoFilesystemLabelIsNeverFormatted() throws IOException {
        Files.createDirectories(tmp.resolve("volumes/vol-1"));
        Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(tmp.resolve("volumes/vol-1/00000000000000000000.log"), "someone's data");
        FakeVolumes volumes = new FakeVolumes();
        volumes.add("vol-1", "KAFKA-1", "us-east-1a");

        assertThatThrownBy(() -> attach(volumes, 1)).isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("files without a filesystem label");
        assertThat(volumes.marks()).isEmpty();
    }

    @Test
    void aDirectoryReadsAsItsFilesBytes() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("volumes/vol-2"));
        Files.writeString(dir.resolve("a"), "\0\0\0");
        Files.writeString(dir.resolve("b"), "\0x");
        DirectoryBlockDevices devices = new DirectoryBlockDevices(tmp.resolve("volumes"));

        assertThat(devices.sizeBytes(dir)).hasValue(5);
        assertThat(new ZeroCheck(devices).firstNonZero(dir, 5)).hasValue(4);
    }
}
