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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static io.kafkaaas.testing.LoopDevices.sh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * attach-volume on real block devices (loop devices), real filesystems, a real mount and an fstab in a temporary
 * file, with EC2 from moto_server: the data-safety rules where they matter, on the kernel. Root only.
 */
class AttachVolumeRootTest {
    private static final long MIB = 1024 * 1024;
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

    @BeforeEach
    void setUp() throws IOException {
        Requirements.requireRoot("AttachVolumeRootTest");
        for (String tool : List.of("losetup", "blkid", "mount", "umount", "mkfs.ext4", "mkfs.xfs")) {
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
    }

    @AfterEach
    void tearDown() {
        loops.close();
    }

    private CliRun attachVolume(int brokerId, Path device, String... extra) {
        List<String> args = new ArrayList<>(List.of("attach-volume", "--broker-id", Integer.toString(brokerId),
                "--device", device.toString(), "--mount-point", mountPoint.toString(), "--fstab", fstab.toString(),
                "--instance-id", instance, "--availability-zone", "us-east-1a", "--timeout", "10", "--output", "json"));
        args.addAll(List.of(moto.cliOptions()));
        args.addAll(List.of(extra));
        return CliRun.of(args);
    }

    private Optional<String> formattedTag(String volumeId) {
        return ec2.describeVolumes(r -> r.volumeIds(volumeId)).volumes().get(0).tags().stream()
                .filter(t -> t.key().equals("kafka-aas:formatted")).map(Tag::value).findFirst();
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

    @Test
    void anExistingFilesystemIsMountedByUuidWithItsFilesIntactAndNeverFormatted() throws IOException {
        Path device = loops.create(tmp.resolve("existing.img"), 64 * MIB);
        sh("mkfs.ext4", "-q", device.toString());
        String uuid = blkid(device, "UUID");
        populate(device, "logs/partition-0/00000000000000000000.log", "records that must survive");
        populate(device, "logs/meta.properties", "version=0\nbroker.id=0\n");
        String volume = fixtures.createVolume("KAFKA-0", "us-east-1a", 10);

        CliRun run = attachVolume(0, device);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("volumeId").asText()).isEqualTo(volume);
        assertThat(json.get("device").asText()).isEqualTo(device.toString());
        assertThat(json.get("mountPoint").asText()).isEqualTo(mountPoint.toString());
        assertThat(json.get("formatted").asBoolean()).isFalse();
        assertThat(json.get("filesystem").asText()).isEqualTo("ext4"); // kept, although --filesystem defaults to xfs
        assertThat(json.get("uuid").asText()).isEqualTo(uuid);
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(LoopDevices.isMounted(mountPoint)).isTrue();
        assertThat(mountPoint.resolve("logs/partition-0/00000000000000000000.log")).hasContent("records that must survive");
        assertThat(blkid(device, "UUID")).isEqualTo(uuid);
        assertThat(Files.readString(fstab)).isEqualTo(FSTAB + "UUID=" + uuid + "\t" + mountPoint + "\text4\tdefaults,noatime,nofail\t0\t2\n");
        assertThat(formattedTag(volume)).hasValueSatisfying(v -> assertThat(v).startsWith("found ext4"));

        RecordingInterceptor.reset();
        CliRun again = attachVolume(0, device);

        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.json().get("changed").asBoolean()).isFalse();
        assertThat(RecordingInterceptor.count("AttachVolume") + RecordingInterceptor.count("CreateTags")).isZero();
        assertThat(Files.readString(fstab)).contains("UUID=" + uuid).hasLineCount(3);
    }

    @Test
    void aBlankNeverFormattedVolumeIsFormattedOnceAndASecondRunChangesNothing() throws IOException {
        Path device = loops.create(tmp.resolve("blank.img"), 320 * MIB); // mkfs.xfs wants 300 MiB
        String volume = fixtures.createVolume("KAFKA-1", "us-east-1a", 10);

        CliRun first = attachVolume(1, device, "--filesystem", "xfs");

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.json().get("formatted").asBoolean()).isTrue();
        assertThat(first.json().get("filesystem").asText()).isEqualTo("xfs");
        String uuid = first.json().get("uuid").asText();
        assertThat(blkid(device, "TYPE")).isEqualTo("xfs");
        assertThat(blkid(device, "UUID")).isEqualTo(uuid);
        assertThat(formattedTag(volume)).hasValueSatisfying(v -> assertThat(v).startsWith("mkfs xfs"));
        assertThat(LoopDevices.isMounted(mountPoint)).isTrue();
        Files.writeString(mountPoint.resolve("written-after-format"), "kafka data");
        String fstabAfterFirst = Files.readString(fstab);
        assertThat(fstabAfterFirst).contains("UUID=" + uuid + "\t" + mountPoint + "\txfs\tdefaults,noatime,nofail\t0\t0");

        RecordingInterceptor.reset();
        CliRun second = attachVolume(1, device, "--filesystem", "xfs");

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.json().get("changed").asBoolean()).isFalse();
        assertThat(second.json().get("formatted").asBoolean()).isFalse();
        assertThat(blkid(device, "UUID")).isEqualTo(uuid);
        assertThat(mountPoint.resolve("written-after-format")).hasContent("kafka data");
        assertThat(Files.readString(fstab)).isEqualTo(fstabAfterFirst);
        assertThat(RecordingInterceptor.calls()).allMatch(c -> c.startsWith("Describe"));
    }

    @Test
    void aBlankDeviceOnAVolumeTaggedFormattedIsExit5AndTheDeviceIsNotWritten() throws IOException {
        Path image = tmp.resolve("lost.img");
        Path device = loops.create(image, 64 * MIB);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.seek(40 * MIB + 123);
            file.write("bytes that are not a filesystem signature".getBytes(StandardCharsets.US_ASCII));
        }
        String volume = fixtures.createVolume("KAFKA-2", "us-east-1a", 10);
        ec2.createTags(r -> r.resources(volume).tags(Tag.builder().key("kafka-aas:formatted").value("mkfs xfs 2024-01-01T00:00:00Z").build()));
        String before = sha256(device);

        CliRun run = attachVolume(2, device);

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("is tagged kafka-aas:formatted").contains("no filesystem on " + device).contains("refusing to format");
        assertThat(run.json().get("exitCode").asInt()).isEqualTo(5);
        assertThat(sha256(device)).isEqualTo(before);
        assertThat(LoopDevices.isMounted(mountPoint)).isFalse();
        assertThat(mountPoint).doesNotExist();
        assertThat(Files.readString(fstab)).isEqualTo(FSTAB);
    }

    @Test
    void metaPropertiesOfAnotherBrokerIsExit5AndLeavesNothingMountedOrWritten() throws IOException {
        Path device = loops.create(tmp.resolve("other-broker.img"), 64 * MIB);
        sh("mkfs.ext4", "-q", device.toString());
        populate(device, "logs/meta.properties", "version=0\nbroker.id=3\ncluster.id=Ab3dEfGhIjKlMnOpQrStUv\n");
        fixtures.createVolume("KAFKA-1", "us-east-1a", 10);

        CliRun run = attachVolume(1, device);

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.errorLines()).singleElement().asString()
                .contains(mountPoint.resolve("logs/meta.properties").toString())
                .contains("says broker.id=3 but this instance claimed broker id 1");
        assertThat(LoopDevices.isMounted(mountPoint)).isFalse();
        assertThat(Files.readString(fstab)).isEqualTo(FSTAB);
    }

    @Test
    void aFilesystemUuidOnTwoDevicesIsExit5BeforeMounting() throws IOException {
        Path original = tmp.resolve("original.img");
        Path device = loops.create(original, 64 * MIB);
        sh("mkfs.ext4", "-q", device.toString());
        Path copy = tmp.resolve("snapshot-copy.img");
        Files.copy(original, copy);
        loops.attach(copy); // like a volume restored from a snapshot of this one
        fixtures.createVolume("KAFKA-0", "us-east-1a", 10);

        CliRun run = attachVolume(0, device);

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.errorLines()).singleElement().asString().contains("is on several devices");
        assertThat(LoopDevices.isMounted(mountPoint)).isFalse();
        assertThat(Files.readString(fstab)).isEqualTo(FSTAB);
    }
}
