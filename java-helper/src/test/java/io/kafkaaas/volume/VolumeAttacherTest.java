package io.kafkaaas.volume;

import io.kafkaaas.core.DataSafetyException;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.core.WaitTimeoutException;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.os.MetaPropertiesFile;
import io.kafkaaas.testing.FakeBlockDevices;
import io.kafkaaas.testing.FakeInstanceDirectory;
import io.kafkaaas.testing.FakeMounts;
import io.kafkaaas.testing.FakeVolumes;
import io.kafkaaas.testing.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The EBS and data-safety rules against in-memory fakes of EC2, the block devices and the mount table. */
class VolumeAttacherTest {
    private static final String AZ = "us-east-1a";
    private static final InstanceIdentity ME = new InstanceIdentity("i-me", AZ);
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Path XVDG = Path.of("/dev/xvdg");
    private static final Path NVME = Path.of("/dev/nvme1n1");

    @TempDir
    Path tmp;
    private Path mountPoint;
    private final ManualClock clock = new ManualClock(T0);
    private final FakeVolumes volumes = new FakeVolumes().withClock(clock);
    private final FakeInstanceDirectory instances = new FakeInstanceDirectory();
    private final FakeBlockDevices devices = new FakeBlockDevices();
    private final FakeMounts mounts = new FakeMounts(uuid -> devices.devicesWithUuid(uuid).get(0));
    private VolumeAttacher attacher;

    @BeforeEach
    void setUp() {
        mountPoint = tmp.resolve("data");
        attacher = new VolumeAttacher(volumes, instances, devices, mounts, new MetaPropertiesFile(),
                new ResourceWaiter(clock, clock.sleeper(), s -> { }));
    }

    private VolumeRequest request(int brokerId) {
        return new VolumeRequest(ME, brokerId, "KAFKA-", "/dev/xvdg", Filesystem.xfs, Optional.of(mountPoint),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(300));
    }

    @Test
    void aBlankNeverFormattedVolumeIsFormattedOnceMarkedMountedAndPersisted() {
        volumes.add("vol-1", "KAFKA-1", AZ);
        devices.nvme(NVME, "vol-1", new FilesystemProbe.Blank());

        VolumeResult first = attacher.attach(request(1));

        assertThat(first.formatted()).isTrue();
        assertThat(first.changed()).isTrue();
        assertThat(first.device()).contains(NVME);
        assertThat(devices.formatted()).containsExactly(NVME);
        assertThat(volumes.get("vol-1").formattedMark()).hasValueSatisfying(v -> assertThat(v).startsWith("mkfs xfs "));
        assertThat(mounts.mounted()).singleElement().satisfies(m -> {
            assertThat(m.source()).isEqualTo(NVME);
            assertThat(m.mountPoint()).isEqualTo(mountPoint);
        });
        assertThat(mounts.fstab()).singleElement().satisfies(e -> {
            assertThat(e.spec()).isEqualTo("UUID=" + first.uuid().orElseThrow());
            assertThat(e.options()).contains("nofail");
        });

        VolumeResult second = attacher.attach(request(1));

        assertThat(second.changed()).isFalse();
        assertThat(second.formatted()).isFalse();
        assertThat(devices.formatted()).hasSize(1);
        assertThat(volumes.attachCalls()).isEqualTo(1);
        assertThat(mounts.mountCalls()).isEqualTo(1);
    }

    @Test
    void aBlankDeviceOnAVolumeMarkedFormattedFailsClosedWithoutWritingAnything() {
        volumes.add("vol-2", "KAFKA-2", AZ);
        volumes.markFormattedAlready("vol-2", "mkfs xfs 2024-12-01T00:00:00Z");
        devices.device(XVDG, new FilesystemProbe.Blank());

        assertThatThrownBy(() -> attacher.attach(request(2)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("is tagged kafka-aas:formatted=mkfs xfs 2024-12-01T00:00:00Z")
                .hasMessageContaining("no filesystem on /dev/xvdg")
                .hasMessageContaining("refusing to format");

        assertThat(devices.formatted()).isEmpty();
        assertThat(mounts.mounted()).isEmpty();
        assertThat(mounts.fstab()).isEmpty();
    }

    @Test
    void anExistingFilesystemIsMountedNotFormattedAndTheVolumeIsMarked() {
        volumes.add("vol-3", "KAFKA-3", AZ);
        devices.device(XVDG, new FilesystemProbe.Found("ext4", "1111-2222"));

        VolumeResult result = attacher.attach(request(3));

        assertThat(result.formatted()).isFalse();
        assertThat(result.filesystem()).contains("ext4");
        assertThat(result.markedNow()).isTrue();
        assertThat(devices.formatted()).isEmpty();
        assertThat(volumes.marks()).singleElement().asString().startsWith("vol-3=found ext4 ");
        assertThat(mounts.fstab()).singleElement().extracting(FstabEntry::pass).isEqualTo(2);
    }

    @Test
    void signaturesThatAreNotFilesystemsAndUnreadableDevicesAreNeverFormatted() {
        volumes.add("vol-4", "KAFKA-4", AZ);
        devices.device(XVDG, new FilesystemProbe.Foreign("a gpt partition table"));

        assertThatThrownBy(() -> attacher.attach(request(4))).isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("carries a gpt partition table");

        devices.device(XVDG, new FilesystemProbe.Unreadable("cannot read /dev/xvdg: I/O error"));
        assertThatThrownBy(() -> attacher.attach(request(4))).isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("could not tell what is on /dev/xvdg");
        assertThat(devices.formatted()).isEmpty();
    }

    @Test
    void metaPropertiesOfAnotherBrokerStopsTheRunAndUnmountsWhatItMounted() throws IOException {
        volumes.add("vol-5", "KAFKA-5", AZ);
        devices.device(XVDG, new FilesystemProbe.Found("xfs", "5555"));
        Files.createDirectories(mountPoint.resolve("logs"));
        Files.writeString(mountPoint.resolve("logs/meta.properties"), "version=0\nbroker.id=2\ncluster.id=abc\n");

        assertThatThrownBy(() -> attacher.attach(request(5)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("says broker.id=2 but this instance claimed broker id 5");

        assertThat(mounts.mounted()).isEmpty();
        assertThat(mounts.fstab()).isEmpty();
    }

    @Test
    void metaPropertiesMustMatchTheConfiguredClusterId() throws IOException {
        volumes.add("vol-6", "KAFKA-6", AZ);
        devices.device(XVDG, new FilesystemProbe.Found("xfs", "6666"));
        Files.createDirectories(mountPoint.resolve("logs"));
        Files.writeString(mountPoint.resolve("logs/meta.properties"), "version=1\nnode.id=6\ncluster.id=other\n");
        VolumeRequest withCluster = new VolumeRequest(ME, 6, "KAFKA-", "/dev/xvdg", Filesystem.xfs, Optional.of(mountPoint),
                Optional.empty(), Optional.of("mine"), Duration.ofSeconds(300));

        assertThatThrownBy(() -> attacher.attach(withCluster))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("cluster.id=other but this cluster is mine");

        VolumeRequest right = new VolumeRequest(ME, 6, "KAFKA-", "/dev/xvdg", Filesystem.xfs, Optional.of(mountPoint),
                Optional.empty(), Optional.of("other"), Duration.ofSeconds(300));
        assertThat(attacher.attach(right).mountPoint()).contains(mountPoint);
    }

    @Test
    void waitsForAShuttingDownHolderThenAttaches() {
        volumes.add("vol-7", "KAFKA-7", AZ);
        volumes.attachTo("vol-7", "i-old", "/dev/xvdg");
        instances.put("i-old", InstanceState.SHUTTING_DOWN);
        volumes.releaseAt("vol-7", T0.plusSeconds(200));
        devices.device(XVDG, new FilesystemProbe.Found("xfs", "7777"));

        VolumeResult result = attacher.attach(request(7));

        assertThat(result.attachedNow()).isTrue();
        assertThat(clock.instant()).isAfterOrEqualTo(T0.plusSeconds(200));
        assertThat(volumes.get("vol-7").attachmentTo("i-me")).isPresent();
    }

    @Test
    void aVolumeHeldByARunningInstanceTimesOutAndIsNeverDetachedNorMounted() {
        volumes.add("vol-8", "KAFKA-8", AZ);
        volumes.attachTo("vol-8", "i-live", "/dev/xvdg");
        instances.put("i-live", InstanceState.RUNNING);

        assertThatThrownBy(() -> attacher.attach(request(8)))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("volume KAFKA-8 (vol-8) is still attached to i-live (running, a live instance")
                .hasMessageContaining("waited 300 s");
        assertThat(volumes.get("vol-8").attachments()).singleElement().extracting(VolumeAttachment::instanceId).isEqualTo("i-live");
        assertThat(volumes.attachCalls()).isZero();
        assertThat(mounts.mountCalls()).isZero();
    }

    @Test
    void aVolumeInAnotherZoneIsAUsageErrorNamingBothZonesAndNothingHappens() {
        volumes.add("vol-9", "KAFKA-9", "us-east-1c");

        assertThatThrownBy(() -> attacher.attach(request(9)))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("vol-9 in us-east-1c")
                .hasMessageContaining("Availability Zone us-east-1a")
                .hasMessageContaining("never snapshotted");
        assertThat(volumes.attachCalls()).isZero();
    }

    @Test
    void aFallbackDeviceThatIsAnotherEbsVolumeIsRefused() {
        volumes.add("vol-10", "KAFKA-10", AZ);
        devices.nvme(XVDG, "vol-other", new FilesystemProbe.Blank());

        assertThatThrownBy(() -> attacher.attach(request(10)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("/dev/xvdg is EBS volume vol-other, not vol-10");
        assertThat(devices.formatted()).isEmpty();
    }

    @Test
    void xenRenamesSdToXvdAndTheLocatorFollows() {
        volumes.add("vol-11", "KAFKA-11", AZ);
        devices.device(XVDG, new FilesystemProbe.Found("xfs", "1100"));
        VolumeRequest sdf = new VolumeRequest(ME, 11, "KAFKA-", "/dev/sdg", Filesystem.xfs, Optional.of(mountPoint),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(300));

        assertThat(attacher.attach(sdf).device()).contains(XVDG);
    }

    @Test
    void aDeviceThatNeverAppearsTimesOutWithExit4BeforeAnythingIsWritten() {
        volumes.add("vol-12", "KAFKA-12", AZ);

        assertThatThrownBy(() -> attacher.attach(request(12)))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("block device of volume KAFKA-12 (vol-12) is still not visible")
                .hasMessageContaining("/dev/xvdg or /dev/sdg");
        assertThat(devices.formatted()).isEmpty();
    }

    @Test
    void aMountPointHoldingAnotherDeviceIsRefusedBeforeAttaching() {
        volumes.add("vol-13", "KAFKA-13", AZ);
        mounts.alreadyMounted(Path.of("/dev/sdz"), mountPoint, "ext4");

        assertThatThrownBy(() -> attacher.attach(request(13)))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("already has /dev/sdz mounted");
        assertThat(volumes.attachCalls()).isZero();
    }

    @Test
    void aMountPointThatIsAFileIsRefusedBeforeAnyEc2Call() throws IOException {
        volumes.add("vol-14", "KAFKA-14", AZ);
        Files.writeString(mountPoint, "not a directory");

        assertThatThrownBy(() -> attacher.attach(request(14)))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("is not a directory");
        assertThat(volumes.attachCalls()).isZero();
    }

    @Test
    void noMountOnlyAttaches() {
        volumes.add("vol-15", "KAFKA-15", AZ);
        VolumeRequest noMount = new VolumeRequest(ME, 15, "KAFKA-", "/dev/xvdg", Filesystem.xfs, Optional.empty(),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(300));

        VolumeResult result = attacher.attach(noMount);

        assertThat(result.attachedNow()).isTrue();
        assertThat(result.device()).isEmpty();
        assertThat(result.mountPoint()).isEmpty();
        assertThat(mounts.mountCalls()).isZero();
        assertThat(List.of(result.changed())).containsExactly(true);
    }
}
