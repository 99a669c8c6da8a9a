package io.kafkaaas.os;

import io.kafkaaas.core.DataSafetyException;
import io.kafkaaas.volume.FilesystemProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NVMe discovery on a fake sysfs tree, and how blkid's answers are read. */
class SysfsBlockDevicesTest {
    @TempDir
    Path tmp;

    private Path sys() throws IOException {
        Path sys = tmp.resolve("sys");
        nvme(sys, "nvme0n1", "vol0aaaaaaaaaaaaaaaa");
        nvme(sys, "nvme1n1", "vol0123456789abcdef0        "); // sysfs pads the serial with spaces
        nvme(sys, "nvme2n1", "AWS12345678901234567");         // instance store: not an EBS serial
        Files.createDirectories(sys.resolve("block/loop0"));
        return sys;
    }

    private static void nvme(Path sys, String name, String serial) throws IOException {
        Path device = Files.createDirectories(sys.resolve("block").resolve(name).resolve("device"));
        Files.writeString(device.resolve("serial"), serial + "\n");
    }

    @Test
    void findsTheNvmeDeviceWhoseSerialIsTheVolumeIdWithoutItsDash() throws IOException {
        SysfsBlockDevices devices = new SysfsBlockDevices(sys(), Path.of("/dev"), new ProcessCommandRunner());

        assertThat(devices.findByVolumeId("vol-0123456789abcdef0")).contains(Path.of("/dev/nvme1n1"));
        assertThat(devices.findByVolumeId("vol-0aaaaaaaaaaaaaaaa")).contains(Path.of("/dev/nvme0n1"));
        assertThat(devices.findByVolumeId("vol-0fffffffffffffff0")).isEmpty();
    }

    @Test
    void noSysfsMeansNoNvmeDevices() {
        SysfsBlockDevices devices = new SysfsBlockDevices(tmp.resolve("nothing"), Path.of("/dev"), new ProcessCommandRunner());

        assertThat(devices.findByVolumeId("vol-0123456789abcdef0")).isEmpty();
    }

    @Test
    void readsTheVolumeIdBehindADevicePathThroughItsLinks() throws IOException {
        Path sys = sys();
        Path dev = Files.createDirectories(tmp.resolve("dev"));
        Files.createFile(dev.resolve("nvme1n1"));
        Files.createSymbolicLink(dev.resolve("xvdg"), dev.resolve("nvme1n1")); // what udev's EBS rule makes
        Files.createFile(dev.resolve("loop3"));
        SysfsBlockDevices devices = new SysfsBlockDevices(sys, dev, new ProcessCommandRunner());

        assertThat(devices.volumeIdOf(dev.resolve("xvdg"))).contains("vol-0123456789abcdef0");
        assertThat(devices.volumeIdOf(dev.resolve("loop3"))).isEmpty();
        assertThat(devices.volumeIdOf(dev.resolve("missing"))).isEmpty();
    }

    @Test
    void aRegularFileIsNotABlockDeviceAndIsNeverProbedAsBlank() throws IOException {
        Path file = Files.writeString(tmp.resolve("disk.img"), "");
        SysfsBlockDevices devices = new SysfsBlockDevices(tmp, tmp, new ProcessCommandRunner());

        assertThat(devices.isBlockDevice(file)).isFalse();
        assertThat(devices.probe(file)).isInstanceOf(FilesystemProbe.Unreadable.class);
        assertThat(devices.probe(tmp.resolve("missing"))).isInstanceOf(FilesystemProbe.Unreadable.class);
    }

    @Test
    void interpretsBlkidAnswers() {
        assertThat(SysfsBlockDevices.interpret(new CommandRunner.Result(2, "", "")))
                .isEqualTo(new FilesystemProbe.Blank());
        assertThat(SysfsBlockDevices.interpret(new CommandRunner.Result(0,
                "DEVNAME=/dev/loop0\nUUID=47ded313-72c6-4501-b0aa-06c0362051fb\nVERSION=1.0\nTYPE=ext4\nUSAGE=filesystem\n", "")))
                .isEqualTo(new FilesystemProbe.Found("ext4", "47ded313-72c6-4501-b0aa-06c0362051fb"));
        assertThat(SysfsBlockDevices.interpret(new CommandRunner.Result(0, "DEVNAME=/dev/xvdg\nPTUUID=abc\nPTTYPE=gpt\n", "")))
                .isEqualTo(new FilesystemProbe.Foreign("a gpt partition table"));
        assertThat(SysfsBlockDevices.interpret(new CommandRunner.Result(0, "TYPE=crypto_LUKS\nUSAGE=crypto\nUUID=x\n", "")))
                .isEqualTo(new FilesystemProbe.Foreign("a crypto_LUKS signature (crypto)"));
        assertThat(SysfsBlockDevices.interpret(new CommandRunner.Result(0, "TYPE=swap\nUSAGE=other\nUUID=y\n", "")))
                .isInstanceOf(FilesystemProbe.Foreign.class);
        // "ambivalent result": several signatures; exit 8 must never read as blank
        assertThat(SysfsBlockDevices.interpret(new CommandRunner.Result(8, "", "ambivalent result (probably more filesystems)")))
                .isInstanceOf(FilesystemProbe.Unreadable.class);
        assertThat(SysfsBlockDevices.interpret(new CommandRunner.Result(2, "", "blkid: error: /dev/x: Permission denied")))
                .isInstanceOf(FilesystemProbe.Unreadable.class);
    }

    @Test
    void formatNeedsTheMkfsTool() {
        CommandRunner none = new CommandRunner() {
            @Override
            public Result run(Duration timeout, List<String> command) {
                throw new AssertionError("nothing may run");
            }

            @Override
            public boolean has(String tool) {
                return tool.equals("blkid") || tool.equals("mkfs.ext4");
            }
        };
        SysfsBlockDevices devices = new SysfsBlockDevices(tmp, tmp, none);

        assertThat(devices.canFormat(io.kafkaaas.volume.Filesystem.ext4)).isTrue();
        assertThat(devices.canFormat(io.kafkaaas.volume.Filesystem.xfs)).isFalse();
    }

    /** A blkid that hangs past its timeout is "could not tell" (exit 5, never mkfs), like any failing blkid. */
    @Test
    void aBlkidThatDoesNotFinishIsUnreadableNeverBlank() {
        CommandRunner hanging = new CommandRunner() {
            @Override
            public Result run(Duration timeout, List<String> command) {
                throw new io.kafkaaas.core.KafkaAasException(io.kafkaaas.core.ExitCode.INTERNAL,
                        String.join(" ", command) + " did not finish within 60 s; check the device and dmesg");
            }

            @Override
            public boolean has(String tool) {
                return true;
            }
        };

        assertThat(SysfsBlockDevices.blkidProbe(hanging, Path.of("/dev/xvdg")))
                .isEqualTo(new FilesystemProbe.Unreadable("blkid -p -o export /dev/xvdg did not finish within 60 s; check the device and dmesg"));
    }

    /** blkid -t UUID=... -o device: exit 0 lists devices, 2 is "none"; anything else must never read as "no duplicate". */
    @Test
    void aFailingUuidSearchIsARefusalNeverAnEmptyList() {
        SysfsBlockDevices devices = new SysfsBlockDevices(tmp, tmp, blkidAnswering(new CommandRunner.Result(4, "", "blkid: error: ...")));
        assertThatThrownBy(() -> devices.devicesWithUuid("47ded313-72c6-4501-b0aa-06c0362051fb"))
                .isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("UUID=47ded313-72c6-4501-b0aa-06c0362051fb")
                .hasMessageContaining("blkid exited 4");

        assertThat(new SysfsBlockDevices(tmp, tmp, blkidAnswering(new CommandRunner.Result(2, "", "")))
                .devicesWithUuid("47ded313-72c6-4501-b0aa-06c0362051fb")).isEmpty();
        assertThat(new SysfsBlockDevices(tmp, tmp, blkidAnswering(new CommandRunner.Result(0, "/dev/loop3\n/dev/loop4\n", "")))
                .devicesWithUuid("47ded313-72c6-4501-b0aa-06c0362051fb")).containsExactly(Path.of("/dev/loop3"), Path.of("/dev/loop4"));
    }

    private static CommandRunner blkidAnswering(CommandRunner.Result answer) {
        return new CommandRunner() {
            @Override
            public Result run(Duration timeout, List<String> command) {
                assertThat(command.get(0)).isEqualTo("blkid");
                return answer;
            }

            @Override
            public boolean has(String tool) {
                return true;
            }
        };
    }
}
