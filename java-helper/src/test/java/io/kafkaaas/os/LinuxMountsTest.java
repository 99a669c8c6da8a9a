package io.kafkaaas.os;

import io.kafkaaas.volume.MountedFilesystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinuxMountsTest {
    @TempDir
    Path tmp;

    @Test
    void readsSourceMountPointAndTypeFromMountinfo() throws IOException {
        Path mountinfo = Files.writeString(tmp.resolve("mountinfo"), String.join("\n",
                "22 1 259:1 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p1 rw",
                "43 27 7:0 / /tmp/mp1 rw,noatime - ext4 /dev/loop0 rw",
                "44 22 259:3 / /var/lib/kafka\\040data rw,noatime shared:30 master:2 - xfs /dev/nvme1n1 rw,attr2",
                "45 22 0:5 / /proc rw - proc proc rw",
                "garbage"));

        List<MountedFilesystem> mounts = new LinuxMounts(mountinfo, tmp.resolve("fstab"), new ProcessCommandRunner()).mounted();

        assertThat(mounts).containsExactly(
                new MountedFilesystem(Path.of("/dev/nvme0n1p1"), Path.of("/"), "ext4"),
                new MountedFilesystem(Path.of("/dev/loop0"), Path.of("/tmp/mp1"), "ext4"),
                new MountedFilesystem(Path.of("/dev/nvme1n1"), Path.of("/var/lib/kafka data"), "xfs"),
                new MountedFilesystem(Path.of("proc"), Path.of("/proc"), "proc"));
    }

    @Test
    void aMountIsReadOnlyWhenTheMountOrItsFilesystemSaysSo() throws IOException {
        Path mountinfo = Files.writeString(tmp.resolve("mountinfo"), String.join("\n",
                "43 27 7:0 / /look ro,relatime - ext4 /dev/loop0 ro",                      // mount -o ro,noload
                "44 27 7:1 / /errors rw,noatime - ext4 /dev/loop1 ro,errors=remount-ro",   // the kernel remounted it
                "45 27 7:2 / /data rw,noatime shared:3 - xfs /dev/loop2 rw,attr2,noquota", // the broker's mount
                "46 27 7:3 / /bind ro,noatime - xfs /dev/loop2 rw,attr2"));               // a read-only bind

        List<MountedFilesystem> mounts = new LinuxMounts(mountinfo, tmp.resolve("fstab"), new ProcessCommandRunner()).mounted();

        assertThat(mounts).extracting(MountedFilesystem::readOnly).containsExactly(true, true, false, true);
    }

    @Test
    void readsThisMachinesMountTable() {
        assertThat(LinuxMounts.system(tmp.resolve("fstab")).mounted())
                .anySatisfy(m -> assertThat(m.mountPoint()).isEqualTo(Path.of("/")));
    }
}
