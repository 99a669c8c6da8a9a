package io.kafkaaas.os;

import io.kafkaaas.volume.FstabEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FstabFileTest {
    private static final String BASE = "# /etc/fstab: static file system information.\n"
            + "UUID=root-uuid\t/\text4\tdefaults\t0\t1\n"
            + "\n"
            + "tmpfs /tmp tmpfs defaults 0 0\n";

    @TempDir
    Path tmp;

    @Test
    void addsOneLineWithNofailAndKeepsEveryOtherLineByteForByte() throws IOException {
        Path fstab = Files.writeString(tmp.resolve("fstab"), BASE);
        Files.setPosixFilePermissions(fstab, PosixFilePermissions.fromString("rw-r-----"));

        boolean changed = new FstabFile(fstab).ensure(FstabEntry.forUuid("abcd", Path.of("/var/lib/kafka"), "xfs"));

        assertThat(changed).isTrue();
        assertThat(Files.readString(fstab)).isEqualTo(BASE + "UUID=abcd\t/var/lib/kafka\txfs\tdefaults,noatime,nofail\t0\t0\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fstab))).isEqualTo("rw-r-----");
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(fstab); // no temporary file left behind
        }
    }

    @Test
    void aSecondRunChangesNothing() throws IOException {
        Path fstab = Files.writeString(tmp.resolve("fstab"), BASE);
        FstabEntry entry = FstabEntry.forUuid("abcd", Path.of("/data"), "ext4");
        new FstabFile(fstab).ensure(entry);
        String once = Files.readString(fstab);

        assertThat(new FstabFile(fstab).ensure(entry)).isFalse();
        assertThat(Files.readString(fstab)).isEqualTo(once);
    }

    @Test
    void replacesAStaleLineForTheSameMountPointOrTheSameUuid() {
        List<String> lines = List.of("UUID=root / ext4 defaults 0 1", "/dev/xvdg /data xfs defaults 0 0",
                "UUID=abcd /old xfs defaults 0 0", "# keep me");

        FstabFile.Edit edit = FstabFile.edit(lines, FstabEntry.forUuid("abcd", Path.of("/data"), "xfs"));

        assertThat(edit.changed()).isTrue();
        assertThat(edit.removed()).containsExactly("/dev/xvdg /data xfs defaults 0 0", "UUID=abcd /old xfs defaults 0 0");
        assertThat(edit.lines()).containsExactly("UUID=root / ext4 defaults 0 1", "# keep me",
                "UUID=abcd\t/data\txfs\tdefaults,noatime,nofail\t0\t0");
    }

    @Test
    void anEquivalentLineWrittenWithSpacesCountsAsPresent() {
        List<String> lines = List.of("UUID=abcd   /data  xfs defaults,noatime,nofail 0 0");

        assertThat(FstabFile.edit(lines, FstabEntry.forUuid("abcd", Path.of("/data"), "xfs")).changed()).isFalse();
    }

    @Test
    void escapesSpacesInMountPoints() {
        FstabEntry entry = FstabEntry.forUuid("abcd", Path.of("/mnt/kafka data"), "xfs");

        assertThat(FstabFile.format(entry)).contains("/mnt/kafka\\040data");
        assertThat(FstabFile.unescape("/mnt/kafka\\040data")).isEqualTo("/mnt/kafka data");
        assertThat(FstabFile.edit(List.of(FstabFile.format(entry)), entry).changed()).isFalse();
    }

    @Test
    void createsAMissingFile() throws IOException {
        Path fstab = tmp.resolve("new-fstab");

        assertThat(new FstabFile(fstab).ensure(FstabEntry.forUuid("u", Path.of("/data"), "xfs"))).isTrue();
        assertThat(Files.readAllLines(fstab)).containsExactly("UUID=u\t/data\txfs\tdefaults,noatime,nofail\t0\t0");
    }
}
