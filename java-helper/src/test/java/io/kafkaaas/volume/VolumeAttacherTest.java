package io.kafkaaas.volume;

import io.kafkaaas.core.DataSafetyException;
import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.core.WaitTimeoutException;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.os.MetaPropertiesFile;
import io.kafkaaas.testing.FakeBlockDevices;
import io.kafkaaas.testing.FakeDirectoryOwners;
import io.kafkaaas.testing.FakeInstanceDirectory;
import io.kafkaaas.testing.FakeMounts;
import io.kafkaaas.testing.FakeVolumes;
import io.kafkaaas.testing.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
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
    private final FakeDirectoryOwners owners = new FakeDirectoryOwners();
    private VolumeAttacher attacher;

    @BeforeEach
    void setUp() {
        mountPoint = tmp.resolve("data");
        attacher = new VolumeAttacher(volumes, instances, devices, mounts, new MetaPropertiesFile(), owners,
                new ResourceWaiter(clock, clock.sleeper(), s -> { }));
    }

    /** A Xen device that shows up at the path EC2 was given only once this run's AttachVolume call went through. */
    private void appearsOnAttach(Path device, FilesystemProbe probe) {
        volumes.onAttach(name -> devices.device(device, probe));
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
        appearsOnAttach(XVDG, new FilesystemProbe.Blank());

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
    void anExistingFilesystemIsMountedNotFormattedAndOnlyItsUuidIsRecorded() {
        volumes.add("vol-3", "KAFKA-3", AZ);
        appearsOnAttach(XVDG, new FilesystemProbe.Found("ext4", "1111-2222"));

        VolumeResult result = attacher.attach(request(3));

        assertThat(result.formatted()).isFalse();
        assertThat(result.filesystem()).contains("ext4");
        assertThat(result.markedNow()).isTrue();
        assertThat(devices.formatted()).isEmpty();
        assertThat(volumes.marks()).containsExactly("vol-3 fs-uuid=1111-2222");
        assertThat(volumes.get("vol-3").formattedMark()).isEmpty();
        assertThat(mounts.fstab()).singleElement().extracting(FstabEntry::pass).isEqualTo(2);

        assertThat(attacher.attach(request(3)).changed()).isFalse();
        assertThat(volumes.marks()).hasSize(1);
    }

    @Test
    void signaturesThatAreNotFilesystemsAndUnreadableDevicesAreNeverFormatted() {
        volumes.add("vol-4", "KAFKA-4", AZ);
        appearsOnAttach(XVDG, new FilesystemProbe.Foreign("a gpt partition table"));

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
        appearsOnAttach(XVDG, new FilesystemProbe.Found("xfs", "5555"));
        mounts.onMount(() -> writeMeta(mountPoint.resolve("logs"), "version=0\nbroker.id=2\ncluster.id=abc\n"));

        assertThatThrownBy(() -> attacher.attach(request(5)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("says broker.id=2 but this instance claimed broker id 5");

        assertThat(mounts.mounted()).isEmpty();
        assertThat(mounts.fstab()).isEmpty();
        assertThat(volumes.marks()).as("no tag on a refused volume").isEmpty();
        assertThat(owners.owners()).isEmpty();
        assertThat(mounts.inspections()).as("looked at read-only").isEqualTo(1);
        assertThat(mounts.mountCalls()).as("never mounted read-write").isZero();
    }

    /** A failing umount of the look must not hide why the volume was refused, nor turn exit 5 into exit 1. */
    @Test
    void aRefusalStaysARefusalWhenTheLookOnlyMountCannotBeUndone() {
        volumes.add("vol-7", "KAFKA-7", AZ);
        appearsOnAttach(XVDG, new FilesystemProbe.Found("xfs", "7777"));
        mounts.onMount(() -> writeMeta(mountPoint.resolve("logs"), "version=0\nbroker.id=2\n"));
        mounts.unmountFails("target is busy");

        assertThatThrownBy(() -> attacher.attach(request(7)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("says broker.id=2 but this instance claimed broker id 7")
                .hasMessageContaining("the read-only look at " + mountPoint + " could not be unmounted (umount " + mountPoint
                        + " failed: target is busy): umount it by hand");
        assertThat(mounts.mountCalls()).as("never mounted read-write").isZero();
        assertThat(mounts.fstab()).isEmpty();
        assertThat(volumes.marks()).isEmpty();
    }

    @Test
    void metaPropertiesMustMatchTheConfiguredClusterId() throws IOException {
        volumes.add("vol-6", "KAFKA-6", AZ);
        appearsOnAttach(XVDG, new FilesystemProbe.Found("xfs", "6666"));
        mounts.onMount(() -> writeMeta(mountPoint.resolve("logs"), "version=1\nnode.id=6\ncluster.id=other\n"));
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
        appearsOnAttach(XVDG, new FilesystemProbe.Found("xfs", "7777"));

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
                .hasMessageContaining("cannot prove /dev/xvdg is volume KAFKA-10 (vol-10): it is EBS volume vol-other, not vol-10");
        assertThat(devices.formatted()).isEmpty();
    }

    @Test
    void xenRenamesSdToXvdAndTheLocatorFollows() {
        volumes.add("vol-11", "KAFKA-11", AZ);
        appearsOnAttach(XVDG, new FilesystemProbe.Found("xfs", "1100"));
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
        assertThat(devices.bytesRead()).isZero();
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

    private static void writeMeta(Path logDir, String content) {
        try {
            Files.createDirectories(logDir);
            Files.writeString(logDir.resolve("meta.properties"), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private VolumeRequest request(int brokerId, List<Path> logDirs, KafkaAccount account) {
        return new VolumeRequest(ME, brokerId, "KAFKA-", "/dev/xvdg", Filesystem.xfs, Optional.of(mountPoint), logDirs,
                Optional.empty(), account, Duration.ofSeconds(300));
    }

    /** Nothing formatted, mounted, tagged or chowned: what every refusal must leave behind. */
    private void assertNothingChanged() {
        assertThat(devices.formatted()).isEmpty();
        assertThat(mounts.mounted()).isEmpty();
        assertThat(mounts.fstab()).isEmpty();
        assertThat(volumes.marks()).isEmpty();
        assertThat(owners.owners()).isEmpty();
    }

    @Test
    void aFallbackPathThatExistedBeforeThisRunsAttachIsAnotherDiskAndIsRefused() {
        volumes.add("vol-20", "KAFKA-20", AZ);
        devices.device(XVDG, new FilesystemProbe.Blank()); // a leftover, or a reused letter

        assertThatThrownBy(() -> attacher.attach(request(20)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("cannot prove /dev/xvdg is volume KAFKA-20 (vol-20)")
                .hasMessageContaining("already existed before this run attached the volume");
        assertThat(volumes.attachCalls()).isEqualTo(1);
        assertNothingChanged();
    }

    @Test
    void aVolumeAttachedHereWhenTheRunStartsKeepsItsXenDeviceAcrossAReboot() {
        volumes.add("vol-21", "KAFKA-21", AZ);
        volumes.attachTo("vol-21", "i-me", "/dev/xvdg");
        devices.device(XVDG, new FilesystemProbe.Found("xfs", "2121"));

        VolumeResult result = attacher.attach(request(21));

        assertThat(result.device()).contains(XVDG);
        assertThat(result.attachedNow()).isFalse();
        assertThat(volumes.attachCalls()).isZero();
    }

    @Test
    void onAnNvmeInstanceADeviceNameIsNeverTrusted() {
        volumes.add("vol-22", "KAFKA-22", AZ);
        devices.nitro();
        appearsOnAttach(XVDG, new FilesystemProbe.Blank()); // not an NVMe device with the volume's serial

        assertThatThrownBy(() -> attacher.attach(request(22)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("cannot prove /dev/xvdg is volume KAFKA-22 (vol-22)")
                .hasMessageContaining("shows EBS volumes as NVMe devices and none has serial vol22");
        assertNothingChanged();
    }

    @Test
    void aDeviceWhoseSizeIsNotTheVolumesIsRefused() {
        volumes.add("vol-23", "KAFKA-23", AZ);
        volumes.onAttach(name -> devices.device(XVDG, new FilesystemProbe.Blank()).size(XVDG, 8L << 30));

        assertThatThrownBy(() -> attacher.attach(request(23)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("it is 8589934592 bytes but the volume is 10 GiB (10737418240 bytes)");
        assertNothingChanged();
    }

    @Test
    void aDeviceThatIsHeldOrMountedElsewhereIsRefused() {
        volumes.add("vol-24", "KAFKA-24", AZ);
        volumes.onAttach(name -> devices.device(XVDG, new FilesystemProbe.Found("xfs", "2424")).heldBy(XVDG, "held by dm-0"));

        assertThatThrownBy(() -> attacher.attach(request(24)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("it is in use (held by dm-0)");

        volumes.add("vol-25", "KAFKA-25", AZ);
        Path sdh = Path.of("/dev/xvdh");
        mounts.alreadyMounted(sdh, Path.of("/srv/other"), "xfs");
        volumes.onAttach(name -> devices.device(sdh, new FilesystemProbe.Found("xfs", "2525")));
        VolumeRequest onXvdh = new VolumeRequest(ME, 25, "KAFKA-", "/dev/xvdh", Filesystem.xfs, Optional.of(mountPoint),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(300));

        assertThatThrownBy(() -> attacher.attach(onXvdh))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("it is in use (mounted at /srv/other)");
        assertThat(volumes.marks()).isEmpty();
        assertThat(devices.formatted()).isEmpty();
    }

    @Test
    void aUuidSearchThatDoesNotListTheProvenDeviceIsRefusedBeforeAnyMount() {
        volumes.add("vol-27", "KAFKA-27", AZ);
        appearsOnAttach(XVDG, new FilesystemProbe.Found("xfs", "3333-4444"));
        devices.hiddenFromUuidSearch(XVDG);

        assertThatThrownBy(() -> attacher.attach(request(27)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("blkid finds filesystem UUID 3333-4444 on [] but not on /dev/xvdg")
                .hasMessageContaining("refusing to mount by UUID");
        assertThat(mounts.inspections()).isZero();
        assertNothingChanged();
    }

    @Test
    void aFilesystemWhoseUuidDiffersFromTheOneRecordedIsRefused() {
        volumes.add("vol-26", "KAFKA-26", AZ);
        volumes.recordUuidAlready("vol-26", "recorded-uuid");
        appearsOnAttach(XVDG, new FilesystemProbe.Found("xfs", "another-uuid"));

        assertThatThrownBy(() -> attacher.attach(request(26)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("UUID another-uuid but the volume is tagged kafka-aas:fs-uuid=recorded-uuid");
        assertNothingChanged();
    }

    @Test
    void aBlankVolumeRestoredFromASnapshotIsNeverFormatted() {
        volumes.add("vol-27", "KAFKA-27", AZ);
        volumes.fromSnapshot("vol-27", "snap-0123");
        appearsOnAttach(XVDG, new FilesystemProbe.Blank());

        assertThatThrownBy(() -> attacher.attach(request(27)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("was created from snapshot snap-0123");
        assertNothingChanged();
    }

    @Test
    void noSignatureButNonZeroBytesIsSomeonesDataAndIsNeverFormatted() {
        volumes.add("vol-28", "KAFKA-28", AZ);
        long thirdGib = 3L << 30;
        volumes.onAttach(name -> devices.device(XVDG, new FilesystemProbe.Blank()).dataAt(XVDG, thirdGib + 4096));

        assertThatThrownBy(() -> attacher.attach(request(28)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("not blank: non-zero bytes at offset " + (thirdGib + 4096))
                .hasMessageContaining("refusing to format");
        assertNothingChanged();
    }

    @Test
    void theZeroCheckReadsTheFirst64MibAndTheFirstMibOfEveryGibAndTheLastMib() {
        volumes.add("vol-29", "KAFKA-29", AZ);
        appearsOnAttach(XVDG, new FilesystemProbe.Blank());

        attacher.attach(request(29));

        assertThat(devices.bytesRead()).isEqualTo((64L + 9 + 1) << 20);
        assertThat(devices.formatted()).containsExactly(XVDG);
        assertThat(ZeroCheck.regions(1L << 40)).hasSize(1 + 1023 + 1);
    }

    @Test
    void aNonEmptyMountPointIsRefusedBeforeAnythingIsAttachedNamingSomeFiles() throws IOException {
        volumes.add("vol-30", "KAFKA-30", AZ);
        appearsOnAttach(XVDG, new FilesystemProbe.Blank());
        Files.createDirectories(mountPoint.resolve("logs/orders-0"));
        Files.writeString(mountPoint.resolve("server.log"), "written to the root disk before the volume came");

        assertThatThrownBy(() -> attacher.attach(request(30)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("mount point " + mountPoint + " is not empty (logs, server.log)");
        assertThat(volumes.attachCalls()).isZero();
        assertNothingChanged();
    }

    @Test
    void aLogDirectoryThatIsASymbolicLinkOrAFileOnTheVolumeIsRefusedWhileOnlyLookedAt() throws IOException {
        volumes.add("vol-32", "KAFKA-32", AZ);
        appearsOnAttach(XVDG, new FilesystemProbe.Found("xfs", "3232"));
        Path elsewhere = Files.createDirectories(tmp.resolve("root-disk"));
        writeMeta(elsewhere, "version=0\nbroker.id=32\n"); // the right identity, but not on the volume
        mounts.onMount(() -> {
            try {
                Files.createSymbolicLink(mountPoint.resolve("logs"), elsewhere);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThatThrownBy(() -> attacher.attach(request(32)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining(mountPoint.resolve("logs") + ", a symbolic link to " + elsewhere)
                .hasMessageContaining("would not be on the volume");
        assertThat(mounts.inspections()).as("looked at read-only").isEqualTo(1);
        assertThat(mounts.mountCalls()).as("never mounted read-write").isZero();
        assertNothingChanged();

        mounts.onMount(() -> {
            try {
                Files.writeString(mountPoint.resolve("logs"), "a file where the log directory should be");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThatThrownBy(() -> attacher.attach(request(32)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining(mountPoint.resolve("logs") + " is not a directory");
        assertNothingChanged();
    }

    @Test
    void everyLogDirectorysMetaPropertiesIsChecked() {
        volumes.add("vol-31", "KAFKA-31", AZ);
        appearsOnAttach(XVDG, new FilesystemProbe.Found("xfs", "3131"));
        mounts.onMount(() -> {
            writeMeta(mountPoint.resolve("a"), "version=0\nbroker.id=31\n");
            writeMeta(mountPoint.resolve("b"), "version=0\nbroker.id=7\n");
        });

        assertThatThrownBy(() -> attacher.attach(request(31, List.of(mountPoint.resolve("a"), mountPoint.resolve("b")),
                KafkaAccount.CONFLUENT)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining(mountPoint.resolve("b/meta.properties") + " on volume KAFKA-31 (vol-31) says broker.id=7");
        assertNothingChanged();
    }

    @Test
    void theLogDirectoriesAreCreatedAndGivenToTheKafkaUserOnce() {
        volumes.add("vol-32", "KAFKA-32", AZ);
        appearsOnAttach(XVDG, new FilesystemProbe.Blank());
        List<Path> dirs = List.of(mountPoint.resolve("a"), mountPoint.resolve("b"));

        VolumeResult first = attacher.attach(request(32, dirs, KafkaAccount.CONFLUENT));

        assertThat(first.ownersChanged()).isTrue();
        assertThat(first.logDirs()).isEqualTo(dirs);
        assertThat(dirs).allSatisfy(d -> assertThat(d).isDirectory());
        assertThat(owners.owners()).containsOnlyKeys(dirs).containsValue(KafkaAccount.CONFLUENT);
        assertThat(attacher.attach(request(32, dirs, KafkaAccount.CONFLUENT)).changed()).isFalse();
    }

    @Test
    void anUnknownKafkaUserIsAUsageErrorBeforeAnyEc2Call() {
        volumes.add("vol-33", "KAFKA-33", AZ);

        assertThatThrownBy(() -> attacher.attach(request(33, List.of(), new KafkaAccount("kafka", "confluent"))))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--kafka-user kafka does not exist");
        assertThat(volumes.attachCalls()).isZero();
    }

    @Test
    void aFailedMkfsIsExit5WithNothingTaggedAndTheNextRunDecidesAgain() {
        volumes.add("vol-34", "KAFKA-34", AZ);
        appearsOnAttach(XVDG, new FilesystemProbe.Blank());
        devices.mkfsFails("No space left on device");

        assertThatThrownBy(() -> attacher.attach(request(34)))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("mkfs.xfs on /dev/xvdg (volume KAFKA-34 (vol-34)) failed")
                .hasMessageContaining("the next run decides again");
        assertNothingChanged();

        devices.mkfsFails(null);
        VolumeResult retry = attacher.attach(request(34));

        assertThat(retry.formatted()).isTrue();
        assertThat(volumes.get("vol-34").fsUuidMark()).isEqualTo(retry.uuid());
    }

    @Test
    void aFailedTagWriteAfterMkfsIsExit6AndTheNextRunAdoptsTheUntaggedFilesystemWithoutFormatting() {
        volumes.add("vol-35", "KAFKA-35", AZ);
        appearsOnAttach(XVDG, new FilesystemProbe.Blank());
        volumes.tagWritesFail(new DependencyUnreachableException("CreateTags kept failing (RequestLimitExceeded)"));

        assertThatThrownBy(() -> attacher.attach(request(35)))
                .isInstanceOf(DependencyUnreachableException.class)
                .hasMessageContaining("but tagging the volume failed")
                .hasMessageContaining("the next run adopts this untagged filesystem");
        assertThat(devices.formatted()).containsExactly(XVDG);
        assertThat(mounts.mounted()).isEmpty();
        assertThat(volumes.get("vol-35").everHadFilesystem()).isFalse();

        VolumeResult next = attacher.attach(request(35));

        assertThat(next.formatted()).isFalse();
        assertThat(devices.formatted()).hasSize(1);
        assertThat(volumes.get("vol-35").fsUuidMark()).isEqualTo(next.uuid());
        assertThat(volumes.get("vol-35").formattedMark()).isEmpty();
    }

    @Test
    void aMountPointThatCannotBeCreatedIsAUsageErrorBeforeAnyEc2Call() throws IOException {
        volumes.add("vol-36", "KAFKA-36", AZ);
        Files.writeString(tmp.resolve("file"), "not a directory");
        VolumeRequest underAFile = new VolumeRequest(ME, 36, "KAFKA-", "/dev/xvdg", Filesystem.xfs,
                Optional.of(tmp.resolve("file/data")), Optional.empty(), Optional.empty(), Duration.ofSeconds(300));

        assertThatThrownBy(() -> attacher.attach(underAFile))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("cannot be created: " + tmp.resolve("file") + " is not a writable directory");
        assertThat(volumes.attachCalls()).isZero();
    }
}
