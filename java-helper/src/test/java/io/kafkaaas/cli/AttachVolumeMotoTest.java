package io.kafkaaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaaas.aws.Ec2Volumes;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.MotoEc2;
import io.kafkaaas.testing.RecordingInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** attach-volume end to end against moto_server; --no-mount, so no block device is needed (the root tests mount). */
class AttachVolumeMotoTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final MotoEc2 moto = MotoEc2.withInstanceIn("us-east-1a");

    private CliRun attachVolume(String... extra) {
        List<String> args = new ArrayList<>(List.of("attach-volume", "--instance-id", moto.instance(),
                "--availability-zone", "us-east-1a", "--output", "json"));
        args.addAll(List.of(moto.server().cliOptions()));
        args.addAll(List.of(extra));
        return CliRun.of(args);
    }

    private Volume volume(String id) {
        return moto.ec2().describeVolumes(r -> r.volumeIds(id)).volumes().get(0);
    }

    @Test
    void noMountAttachesTheVolumeTaggedForTheBrokerAndASecondRunMakesNoAttachCall() {
        String wanted = moto.fixtures().createVolume("KAFKA-1", "us-east-1a", 10);
        String otherAz = moto.fixtures().createVolume("KAFKA-1", "us-east-1b", 10);
        moto.fixtures().createVolume("KAFKA-0", "us-east-1a", 10);
        RecordingInterceptor.reset();

        CliRun first = attachVolume("--broker-id", "1", "--no-mount");

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        JsonNode json = first.json();
        assertThat(json.get("volumeId").asText()).isEqualTo(wanted);
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("formatted").asBoolean()).isFalse();
        assertThat(json.get("mountPoint").isNull()).isTrue();
        assertThat(json.get("attachedAs").asText()).isEqualTo("/dev/xvdg");
        assertThat(json.has("device")).isTrue();
        assertThat(volume(wanted).attachments()).singleElement().satisfies(a -> {
            assertThat(a.instanceId()).isEqualTo(moto.instance());
            assertThat(a.device()).isEqualTo("/dev/xvdg");
        });
        assertThat(volume(otherAz).attachments()).isEmpty();
        assertThat(RecordingInterceptor.count("AttachVolume")).isEqualTo(1);
        assertThat(RecordingInterceptor.count("CreateTags")).isZero();

        RecordingInterceptor.reset();
        CliRun second = attachVolume("--broker-id", "1", "--no-mount");

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.json().get("changed").asBoolean()).isFalse();
        assertThat(RecordingInterceptor.count("AttachVolume")).isZero();
        assertThat(RecordingInterceptor.calls()).allMatch(c -> c.startsWith("Describe"));
        assertThat(volume(wanted).attachments()).hasSize(1);
    }

    @Test
    void aVolumeOnlyInAnotherZoneIsExit2NamingBothZonesAndIsLeftAlone() {
        String other = moto.fixtures().createVolume("KAFKA-0", "us-east-1b", 10);
        RecordingInterceptor.reset();

        CliRun run = attachVolume("--broker-id", "0", "--no-mount");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .contains(other + " in us-east-1b").contains("us-east-1a").contains("never snapshotted");
        assertThat(RecordingInterceptor.calls()).containsOnly("DescribeVolumes");
        assertThat(volume(other).attachments()).isEmpty();
    }

    @Test
    void aVolumeHeldByARunningInstanceIsExit4AfterTheTimeoutAndStaysWithItsHolder() {
        String vol = moto.fixtures().createVolume("KAFKA-0", "us-east-1a", 10);
        String holder = moto.fixtures().runInstance("us-east-1a");
        moto.ec2().attachVolume(r -> r.volumeId(vol).instanceId(holder).device("/dev/xvdf"));
        RecordingInterceptor.reset();

        CliRun run = attachVolume("--broker-id", "0", "--timeout", "2", "--mount-point", tmp.resolve("data").toString(),
                "--fstab", tmp.resolve("fstab").toString(), "--kafka-user", "root", "--kafka-group", "root");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("volume KAFKA-0 (" + vol + ") is still attached to " + holder + " (running, a live instance")
                .contains("waited 2 s");
        assertThat(RecordingInterceptor.count("AttachVolume")).isZero();
        assertThat(volume(vol).attachments()).singleElement().satisfies(a -> assertThat(a.instanceId()).isEqualTo(holder));
        assertThat(tmp.resolve("data")).doesNotExist();
        assertThat(tmp.resolve("fstab")).doesNotExist();
    }

    @Test
    void unreachableInstanceMetadataIsExit6AndNothingIsAttachedOrWritten() throws IOException {
        String vol = moto.fixtures().createVolume("KAFKA-0", "us-east-1a", 10);
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RecordingInterceptor.reset();
        List<String> args = new ArrayList<>(List.of("attach-volume", "--broker-id", "0", "--mount-point", tmp.resolve("data").toString(),
                "--fstab", tmp.resolve("fstab").toString(), "--imds-endpoint", "http://127.0.0.1:" + closedPort));
        args.addAll(List.of(moto.server().cliOptions()));

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.errorLines()).singleElement().asString().contains("instance metadata (IMDSv2)");
        assertThat(RecordingInterceptor.calls()).isEmpty();
        assertThat(volume(vol).attachments()).isEmpty();
        assertThat(tmp.resolve("data")).doesNotExist();
        assertThat(tmp.resolve("fstab")).doesNotExist();
    }

    @Test
    void anUnknownBrokerIdIsExit2AndNothingIsAttached() {
        moto.fixtures().createVolume("KAFKA-0", "us-east-1a", 10);
        RecordingInterceptor.reset();

        CliRun run = attachVolume("--broker-id", "5", "--no-mount");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("no volume is tagged Name=KAFKA-5");
        assertThat(RecordingInterceptor.count("AttachVolume")).isZero();
    }

    @Test
    void aMountPointThatIsAFileIsExit2BeforeAnyCall() throws IOException {
        String vol = moto.fixtures().createVolume("KAFKA-0", "us-east-1a", 10);
        Path file = Files.writeString(tmp.resolve("data"), "x");
        RecordingInterceptor.reset();

        CliRun run = attachVolume("--broker-id", "0", "--mount-point", file.toString(), "--fstab", tmp.resolve("fstab").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains(file + " exists and is not a directory");
        assertThat(RecordingInterceptor.calls()).isEmpty();
        assertThat(volume(vol).attachments()).isEmpty();
        assertThat(tmp.resolve("fstab")).doesNotExist();
    }

    @Test
    void anUnsupportedFilesystemIsExit2BeforeAnyCall() {
        String vol = moto.fixtures().createVolume("KAFKA-0", "us-east-1a", 10);
        RecordingInterceptor.reset();

        CliRun run = attachVolume("--broker-id", "0", "--mount-point", tmp.resolve("data").toString(), "--filesystem", "btrfs");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("--filesystem").contains("btrfs");
        assertThat(RecordingInterceptor.calls()).isEmpty();
        assertThat(volume(vol).attachments()).isEmpty();
    }

    @Test
    void otherBadInputIsExit2BeforeAnyCall() {
        RecordingInterceptor.reset();

        assertThat(attachVolume("--broker-id", "0").exitCode()).as("no --mount-point").isEqualTo(2);
        assertThat(attachVolume("--broker-id", "0", "--mount-point", "relative/dir").exitCode()).isEqualTo(2);
        assertThat(attachVolume("--broker-id", "0", "--no-mount", "--device", "xvdg").exitCode()).isEqualTo(2);
        assertThat(attachVolume("--broker-id", "0", "--mount-point", tmp.resolve("d").toString(),
                "--fstab", tmp.resolve("no/such/dir/fstab").toString()).exitCode()).isEqualTo(2);
        assertThat(attachVolume("--broker-id", "0", "--mount-point", tmp.resolve("d").toString(),
                "--log-dir", "/elsewhere/logs", "--fstab", tmp.resolve("fstab").toString()).exitCode()).isEqualTo(2);
        assertThat(RecordingInterceptor.count("AttachVolume")).isZero();
        assertThat(tmp.resolve("d")).doesNotExist();
    }

    @Test
    void ec2VolumesReadsSizeAndSnapshotAndRecordsBothTagsInOneCall() {
        String blank = moto.fixtures().createVolume("KAFKA-0", "us-east-1a", 7);
        String snapshot = moto.ec2().createSnapshot(r -> r.volumeId(blank)).snapshotId();
        String restored = moto.ec2().createVolume(r -> r.availabilityZone("us-east-1a").snapshotId(snapshot).size(7)).volumeId();
        Ec2Volumes volumes = new Ec2Volumes(moto.ec2(), "moto");

        io.kafkaaas.volume.Volume fresh = volumes.describe(blank).orElseThrow();
        assertThat(fresh.sizeGiB()).isEqualTo(7);
        assertThat(fresh.snapshotId()).isEmpty();
        assertThat(volumes.describe(restored).orElseThrow().snapshotId()).contains(snapshot);

        RecordingInterceptor.reset();
        volumes.recordFormat(blank, "mkfs xfs 2026-01-01T00:00:00Z", "0b5e-uuid");
        volumes.recordFilesystemUuid(restored, "adopted-uuid");

        assertThat(RecordingInterceptor.count("CreateTags")).isEqualTo(2);
        io.kafkaaas.volume.Volume tagged = volumes.describe(blank).orElseThrow();
        assertThat(tagged.formattedMark()).contains("mkfs xfs 2026-01-01T00:00:00Z");
        assertThat(tagged.fsUuidMark()).contains("0b5e-uuid");
        io.kafkaaas.volume.Volume adopted = volumes.describe(restored).orElseThrow();
        assertThat(adopted.fsUuidMark()).contains("adopted-uuid");
        assertThat(adopted.formattedMark()).isEmpty();
    }

    @Test
    void anUnknownKafkaUserIsExit2BeforeAnyAttachCall() {
        String vol = moto.fixtures().createVolume("KAFKA-0", "us-east-1a", 10);
        RecordingInterceptor.reset();

        CliRun run = attachVolume("--broker-id", "0", "--mount-point", tmp.resolve("data").toString(),
                "--fstab", tmp.resolve("fstab").toString(), "--kafka-user", "no-such-kafka-user");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("--kafka-user no-such-kafka-user does not exist");
        assertThat(RecordingInterceptor.count("AttachVolume")).isZero();
        assertThat(volume(vol).attachments()).isEmpty();
        assertThat(tmp.resolve("data")).doesNotExist();
    }
}
