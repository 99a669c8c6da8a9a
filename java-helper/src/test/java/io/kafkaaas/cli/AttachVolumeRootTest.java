package io.kafkaaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.LoopDevices;
import io.kafkaaas.testing.MotoFixtures;
import io.kafkaaas.testing.MotoServer;
import io.kafkaaas.testing.RecordingInterceptor;
import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.kafkaaas.testing.LoopDevices.sh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * attach-volume on real block devices (loop devices), real filesystems, a real mount and an fstab in a temporary
 * file, with EC2 from moto_server: the data-safety rules where they matter, on the kernel. Root only.
 *
 * <p>A Xen-style device is a symbolic link /dev/kafkaaas-test-XXXX to a loop device of the volume's size (1 GiB,
 * sparse), made to appear when this run's AttachVolume call succeeds. Every refusal must end in exit 5 with the
 * device's SHA-256 unchanged, nothing mounted, fstab untouched and no tag on the volume.
 */
class AttachVolumeRootTest {
    private static final long GIB = 1L << 30;
    private static final String FSTAB = "# test fstab\nUUID=root-uuid / ext4 defaults 0 1\n";

    @TempDir
    Path tmp;
    private final LoopDevices loops = new LoopDevices();
    private MotoServer moto;
    private MotoFixtures fixtures;
    private Ec2Client ec2;
    private String instance;
    private Path mountPoint;
    private Path fstab;
    private String kafkaGroup;

    @BeforeEach
    void setUp() throws IOException {
        Requirements.requireRoot("AttachVolumeRootTest");
        for (String tool : List.of("losetup", "blkid", "blockdev", "mount", "umount", "mkfs.ext4", "mkfs.xfs")) {
            Requirements.requireTool(tool);
        }
        moto = MotoServer.get();
        ec2 = moto.ec2();
        fixtures = new MotoFixtures(ec2);
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        instance = fixtures.runInstance("us-east-1a");
        mountPoint = tmp.resolve("kafka");
        loops.watchMountPoint(mountPoint);
        fstab = Files.writeString(tmp.resolve("fstab"), FSTAB);
        kafkaGroup = Files.readAllLines(Path.of("/etc/group")).stream().anyMatch(l -> l.startsWith("nogroup:")) ? "nogroup" : "nobody";
    }

    @AfterEach
    void tearDown() {
        RecordingInterceptor.clearActions();
        loops.close();
    }

    private List<String> args(int brokerId, Path device, String... extra) {
        List<String> args = new ArrayList<>(List.of("attach-volume", "--broker-id", Integer.toString(brokerId),
                "--device", device.toString(), "--mount-point", mountPoint.toString(), "--fstab", fstab.toString(),
                "--kafka-user", "nobody", "--kafka-group", kafkaGroup,
                "--instance-id", instance, "--availability-zone", "us-east-1a", "--timeout", "10", "--output", "json"));
        args.addAll(List.of(moto.cliOptions()));
        args.addAll(List.of(extra));
        return args;
    }

    private CliRun attachVolume(int brokerId, Path device, String... extra) {
        return CliRun.of(args(brokerId, device, extra));
    }

    /** A 1 GiB sparse loop device, and the /dev name under which it appears once AttachVolume succeeds. */
    private Path disk(String image) throws IOException {
        Path loop = loops.create(tmp.resolve(image), GIB);
        Path name = loops.deviceName();
        RecordingInterceptor.afterSuccess("AttachVolume", () -> LoopDevices.link(name, loop));
        return name;
    }

    private String volume(String name) {
        return fixtures.createVolume(name, "us-east-1a", 1);
    }

    private Map<String, String> kafkaAasTags(String volumeId) {
        return ec2.describeVolumes(r -> r.volumeIds(volumeId)).volumes().get(0).tags().stream()
                .filter(t -> t.key().startsWith("kafka-aas:")).collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private static String blkid(Path device, String tag) {
        return sh("blkid", "-p", "-s", tag, "-o", "value", device.toString()).strip();
    }

    /** Writes files onto a filesystem through a temporary mount of our own. */
    private void populate(Path device, String file, String content) throws IOException {
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        loops.watchMountPoint(scratch);
        sh("mount", device.toString(), scratch.toString());
        try {
            Path target = scratch.resolve(file);
            Files.createDirectories(target.getParent());
            Files.writeString(target, content);
        } finally {
            sh("umount", scratch.toString());
        }
    }

    private static String sha256(Path device) throws IOException {
        try (InputStream in = Files.newInputStream(device)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What every refusal leaves: exit 5 in one line naming what was refused, and nothing written anywhere. */
    private void assertRefusedUntouched(CliRun run, String volumeId, Path loop, String before, String... mentions) throws IOException {
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(5);
        assertThat(run.errorLines()).singleElement().asString().contains(mentions);
        assertThat(sha256(loop)).as("device bytes").isEqualTo(before);
        assertThat(kafkaAasTags(volumeId)).as("kafka-aas tags").isEmpty();
        assertThat(LoopDevices.isMounted(mountPoint)).isFalse();
        assertThat(Files.readString(fstab)).isEqualTo(FSTAB);
    }

    @Test
    void anExistingFilesystemIsMountedByUuidWithItsFilesIntactNeverFormattedAndItsUuidRecorded() throws IOException {
        Path name = disk("existing.img");
        Path loop = Path.of(sh("losetup", "-j", tmp.resolve("existing.img").toString()).split(":")[0]);
        sh("mkfs.ext4", "-q", loop.toString());
        String uuid = blkid(loop, "UUID");
        populate(loop, "logs/partition-0/00000000000000000000.log", "records that must survive");
        populate(loop, "logs/meta.properties", "version=0\nbroker.id=0\n");
        String volume = volume("KAFKA-0");

        CliRun run = attachVolume(0, name);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("volumeId").asText()).isEqualTo(volume);
        assertThat(json.get("device").asText()).isEqualTo(name.toString());
        assertThat(json.get("mountPoint").asText()).isEqualTo(mountPoint.toString());
        assertThat(json.get("formatted").asBoolean()).isFalse();
        assertThat(json.get("filesystem").asText()).isEqualTo("ext4"); // kept, although --filesystem defaults to xfs
        assertThat(json.get("uuid").asText()).isEqualTo(uuid);
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(LoopDevices.isMounted(mountPoint)).isTrue();
        assertThat(mountPoint.resolve("logs/partition-0/00000000000000000000.log")).hasContent("records that must survive");
        assertThat(blkid(loop, "UUID")).isEqualTo(uuid);
        assertThat(Files.readString(fstab)).isEqualTo(FSTAB + "UUID=" + uuid + "\t" + mountPoint + "\text4\tdefaults,noatime,nofail\t0\t2\n");
        assertThat(kafkaAasTags(volume)).as("adopted: only the UUID, never 'formatted'").isEqualTo(Map.of("kafka-aas:fs-uuid", uuid));
        assertThat(Files.getOwner(mountPoint.resolve("logs")).getName()).isEqualTo("nobody");

        RecordingInterceptor.reset();
        CliRun again = attachVolume(0, name);

        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.json().get("changed").asBoolean()).isFalse();
        assertThat(RecordingInterceptor.count("AttachVolume") + RecordingInterceptor.count("CreateTags")).isZero();
        assertThat(Files.readString(fstab)).contains("UUID=" + uuid).hasLineCount(3);
    }

    @Test
    void aBlankUntaggedNeverSnapshottedVolumeIsFormattedOnceTaggedWithItsUuidAndReattachedWithoutChange() throws IOException {
        Path name = disk("blank.img");
        String volume = volume("KAFKA-1");

        CliRun first = attachVolume(1, name, "--filesystem", "xfs");

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.json().get("formatted").asBoolean()).isTrue();
        assertThat(first.json().get("filesystem").asText()).isEqualTo("xfs");
        String uuid = first.json().get("uuid").asText();
        assertThat(blkid(name, "TYPE")).isEqualTo("xfs");
        assertThat(blkid(name, "UUID")).isEqualTo(uuid);
        Map<String, String> tags = kafkaAasTags(volume);
        assertThat(tags.get("kafka-aas:fs-uuid")).isEqualTo(uuid);
        assertThat(tags.get("kafka-aas:formatted")).startsWith("mkfs xfs");
        assertThat(LoopDevices.isMounted(mountPoint)).isTrue();
        Path logs = mountPoint.resolve("logs");
        assertThat(Files.getOwner(logs).getName()).as("Kafka can write its fresh log directory").isEqualTo("nobody");
        assertThat(Files.readAttributes(logs, PosixFileAttributes.class).group().getName()).isEqualTo(kafkaGroup);
        Files.writeString(mountPoint.resolve("written-after-format"), "kafka data");
        String fstabAfterFirst = Files.readString(fstab);
        assertThat(fstabAfterFirst).contains("UUID=" + uuid + "\t" + mountPoint + "\txfs\tdefaults,noatime,nofail\t0\t0");

        RecordingInterceptor.reset();
        CliRun second = attachVolume(1, name, "--filesystem", "xfs");

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.json().get("changed").asBoolean()).isFalse();
        assertThat(second.json().get("formatted").asBoolean()).isFalse();
        assertThat(blkid(name, "UUID")).isEqualTo(uuid);
        assertThat(mountPoint.resolve("written-after-format")).hasContent("kafka data");
        assertThat(Files.readString(fstab)).isEqualTo(fstabAfterFirst);
        assertThat(RecordingInterceptor.calls()).allMatch(c -> c.startsWith("Describe"));

        // After a reboot the volume is attached when the run starts, but not mounted: it is mounted again, never formatted.
        sh("umount", mountPoint.toString());
        CliRun afterReboot = attachVolume(1, name, "--filesystem", "xfs");
        assertThat(afterReboot.exitCode()).as(afterReboot.stderr()).isZero();
        assertThat(afterReboot.json().get("formatted").asBoolean()).isFalse();
        assertThat(mountPoint.resolve("written-after-format")).hasContent("kafka data");
    }

    @Test
    void aBlankDeviceOnAVolumeTaggedFormattedIsExit5AndTheDeviceIsNotWritten() throws IOException {
        Path image = tmp.resolve("lost.img");
        Path name = disk("lost.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.seek(40L * (1 << 20) + 123);
            file.write("bytes that are not a filesystem signature".getBytes(StandardCharsets.US_ASCII));
        }
        Path loop = loopOf(image);
        String volume = volume("KAFKA-2");
        ec2.createTags(r -> r.resources(volume).tags(Tag.builder().key("kafka-aas:formatted").value("mkfs xfs 2024-01-01T00:00:00Z").build()));
        String before = sha256(loop);

        CliRun run = attachVolume(2, name);

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("is tagged kafka-aas:formatted").contains("no filesystem on " + name).contains("refusing to format");
        assertThat(run.json().get("exitCode").asInt()).isEqualTo(5);
        assertThat(sha256(loop)).isEqualTo(before);
        assertThat(kafkaAasTags(volume)).containsOnlyKeys("kafka-aas:formatted");
        assertThat(LoopDevices.isMounted(mountPoint)).isFalse();
        assertThat(mountPoint).doesNotExist();
        assertThat(Files.readString(fstab)).isEqualTo(FSTAB);
    }

    private Path loopOf(Path image) {
        return Path.of(sh("losetup", "-j", image.toString()).split(":")[0]);
    }

    @Test
    void aFilesystemUuidOnTwoDevicesIsExit5BeforeMounting() throws IOException {
        Path original = tmp.resolve("original.img");
        Path name = disk("original.img");
        Path loop = loopOf(original);
        sh("mkfs.ext4", "-q", loop.toString());
        Path copy = tmp.resolve("snapshot-copy.img");
        Files.copy(original, copy);
        loops.attach(copy); // like a volume restored from a snapshot of this one
        String volume = volume("KAFKA-0");
        String before = sha256(loop);

        CliRun run = attachVolume(0, name);

        assertRefusedUntouched(run, volume, loop, before, "is on several devices");
    }

    // ---- the fault table of issue 9: each row ends in exit 5, the device unwritten and no tag set ----

    @Test
    void aFallbackPathThatAlreadyExistedBelongsToAnotherDiskAndIsNeverFormatted() throws IOException {
        Path other = loops.create(tmp.resolve("other-volume.img"), GIB); // blank: today it would be formatted
        Path name = loops.deviceName();
        LoopDevices.link(name, other); // a leftover, or a reused letter, before this run attaches anything
        String volume = volume("KAFKA-0");
        String before = sha256(other);

        CliRun run = attachVolume(0, name);

        assertRefusedUntouched(run, volume, other, before, name.toString(), volume,
                "already existed before this run attached the volume");
        assertThat(sh("sh", "-c", "blkid -p " + other + " || true").strip()).as("still blank").isEmpty();
    }

    @Test
    void aBlindBlkidOnAnExt4VolumeNeverLeadsToMkfs() throws Exception {
        Path image = tmp.resolve("blind.img");
        Path loop = loops.create(image, GIB);
        sh("mkfs.ext4", "-q", loop.toString());
        populate(loop, "logs/meta.properties", "version=0\nbroker.id=0\n");
        String volume = volume("KAFKA-0");
        Path name = loops.deviceName();
        ec2.attachVolume(r -> r.volumeId(volume).instanceId(instance).device(name.toString()));
        LoopDevices.link(name, loop); // attached before the run: a reboot, where the device name is trusted
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path blind = Files.writeString(bin.resolve("blkid"), "#!/bin/sh\n# a blind probe: 'nothing found' for every device\nexit 2\n");
        Files.setPosixFilePermissions(blind, PosixFilePermissions.fromString("rwxr-xr-x"));
        String before = sha256(loop);

        CliRun run = inChildJvmWithPath(bin, args(0, name));

        assertRefusedUntouched(run, volume, loop, before, name.toString(), "non-zero bytes at offset", "refusing to format");
        assertThat(blkid(loop, "TYPE")).isEqualTo("ext4");
    }

    /** The CLI in a child JVM whose PATH starts with dir: how a fake tool gets in front of the real one. */
    private static CliRun inChildJvmWithPath(Path dir, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.kafkaaas.cli.Main"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        Process process = builder.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("child CLI finished").isTrue();
        return new CliRun(process.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext4", "xfs"})
    void anUntaggedVolumeWithADamagedPrimarySuperblockIsNeverReformatted(String type) throws IOException {
        Path image = tmp.resolve("damaged-" + type + ".img");
        Path name = disk(image.getFileName().toString());
        Path loop = loopOf(image);
        sh("mkfs." + type, "-q", loop.toString());
        populate(loop, "logs/meta.properties", "version=0\nbroker.id=0\n");
        // ext4's superblock is 1 KiB at offset 1024, xfs's is sector 0: zero just that, as a bad sector would.
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.seek(type.equals("ext4") ? 1024 : 0);
            file.write(new byte[type.equals("ext4") ? 1024 : 512]);
        }
        sh("blockdev", "--flushbufs", loop.toString());
        assertThat(sh("sh", "-c", "blkid -p " + loop + " || true").strip()).as("blkid sees nothing").isEmpty();
        String volume = volume("KAFKA-0");
        String before = sha256(loop);

        CliRun run = attachVolume(0, name, "--filesystem", type);

        assertRefusedUntouched(run, volume, loop, before, name.toString(), "non-zero bytes at offset", "refusing to format");
    }

    @Test
    void aNonEmptyMountPointIsExit5BeforeAnythingIsAttachedAndItsFilesStayVisible() throws IOException {
        Path name = disk("blank-for-busy-mount-point.img");
        Path loop = loopOf(tmp.resolve("blank-for-busy-mount-point.img"));
        String volume = volume("KAFKA-0");
        Files.createDirectories(mountPoint.resolve("logs/orders-0"));
        Files.writeString(mountPoint.resolve("logs/orders-0/00000000000000000000.log"), "written to the root disk");
        String before = sha256(loop);
        RecordingInterceptor.reset();

        CliRun run = attachVolume(0, name);

        assertRefusedUntouched(run, volume, loop, before, "mount point " + mountPoint + " is not empty (logs)");
        assertThat(RecordingInterceptor.count("AttachVolume")).isZero();
        assertThat(mountPoint.resolve("logs/orders-0/00000000000000000000.log")).hasContent("written to the root disk");
    }

    @Test
    void anotherBrokersMetaPropertiesInAnyLogDirectoryIsExit5AndTheVolumeIsOnlyLookedAtReadOnly() throws IOException {
        Path name = disk("two-dirs.img");
        Path loop = loopOf(tmp.resolve("two-dirs.img"));
        sh("mkfs.ext4", "-q", loop.toString());
        populate(loop, "a/meta.properties", "version=0\nbroker.id=1\n");
        populate(loop, "b/meta.properties", "version=0\nbroker.id=3\ncluster.id=Ab3dEfGhIjKlMnOpQrStUv\n");
        String volume = volume("KAFKA-1");
        String before = sha256(loop);

        CliRun run = attachVolume(1, name, "--log-dir", mountPoint.resolve("a") + "," + mountPoint.resolve("b"));

        assertRefusedUntouched(run, volume, loop, before, mountPoint.resolve("b/meta.properties").toString(),
                "says broker.id=3 but this instance claimed broker id 1");
    }

    @Test
    void aLogDirectoryReachedThroughASymbolicLinkOnTheVolumeIsExit5AndNothingIsWrittenOffTheVolume() throws IOException {
        Path name = disk("linked.img");
        Path loop = loopOf(tmp.resolve("linked.img"));
        sh("mkfs.ext4", "-q", loop.toString());
        Path rootDisk = Files.createDirectories(tmp.resolve("root-disk")); // say /var/lib/kafka on the instance's root disk
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        loops.watchMountPoint(scratch);
        sh("mount", loop.toString(), scratch.toString());
        try {
            Files.createSymbolicLink(scratch.resolve("kafka"), rootDisk); // an operator's "temporary" link, left on the volume
        } finally {
            sh("umount", scratch.toString());
        }
        String volume = volume("KAFKA-0");
        String before = sha256(loop);

        CliRun run = attachVolume(0, name, "--log-dir", mountPoint.resolve("kafka/logs").toString());

        assertRefusedUntouched(run, volume, loop, before, mountPoint.resolve("kafka").toString(), "symbolic link to " + rootDisk,
                "would not be on the volume");
        assertThat(rootDisk).as("nothing created or chowned off the volume").isEmptyDirectory();
    }

    /**
     * A run killed while it looked at the volume (its ro,noload mount in place, before the umount) must not make the
     * next run take that read-only, journal-less view for the broker's mount and report success on it.
     */
    @Test
    void aReadOnlyLookLeftMountedByAnInterruptedRunIsExit5NotTheBrokersMount() throws IOException {
        Path image = tmp.resolve("interrupted.img");
        Path loop = loops.create(image, GIB);
        sh("mkfs.ext4", "-q", loop.toString());
        populate(loop, "logs/meta.properties", "version=0\nbroker.id=0\n");
        Path scratch = tmp.resolve("scratch");
        sh("mount", loop.toString(), scratch.toString());
        sh("chown", "-R", "nobody:" + kafkaGroup, scratch.resolve("logs").toString()); // as a finished first run left it
        sh("umount", scratch.toString());
        String volume = volume("KAFKA-0");
        Path name = loops.deviceName();
        ec2.attachVolume(r -> r.volumeId(volume).instanceId(instance).device(name.toString()));
        LoopDevices.link(name, loop); // attached by the interrupted run
        Files.createDirectories(mountPoint);
        sh("mount", "-t", "ext4", "-o", "ro,noload", loop.toString(), mountPoint.toString()); // its look, never undone
        String before = sha256(loop);

        CliRun run = attachVolume(0, name);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(5);
        assertThat(run.errorLines()).singleElement().asString().contains(mountPoint.toString(), "mounted read-only",
                "umount " + mountPoint);
        assertThat(sha256(loop)).as("device bytes").isEqualTo(before);
        assertThat(kafkaAasTags(volume)).as("kafka-aas tags").isEmpty();
        assertThat(Files.readString(fstab)).isEqualTo(FSTAB);
    }

    // ---- nothing changed means nothing changed: what can be checked before the first side effect is ----

    @Test
    void anUnwritableFstabIsExit2BeforeAnythingIsAttachedFormattedOrMounted() throws IOException {
        Path name = disk("blank-unwritable-fstab.img");
        Path loop = loopOf(tmp.resolve("blank-unwritable-fstab.img"));
        String volume = volume("KAFKA-0");
        Path etc = Files.createDirectories(tmp.resolve("ro-etc"));
        Files.writeString(etc.resolve("fstab"), FSTAB);
        loops.watchMountPoint(etc);
        sh("mount", "--bind", etc.toString(), etc.toString());
        sh("mount", "-o", "remount,bind,ro", etc.toString());
        RecordingInterceptor.reset();

        List<String> args = args(0, name);
        args.set(args.indexOf(fstab.toString()), etc.resolve("fstab").toString());
        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("--fstab " + etc.resolve("fstab") + " cannot be written");
        assertThat(RecordingInterceptor.calls()).isEmpty();
        assertThat(sh("sh", "-c", "blkid -p " + loop + " || true").strip()).isEmpty();
        assertThat(kafkaAasTags(volume)).isEmpty();
        assertThat(mountPoint).doesNotExist();
    }
}
