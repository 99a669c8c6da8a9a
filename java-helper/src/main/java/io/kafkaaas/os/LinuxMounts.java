package io.kafkaaas.os;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.volume.FstabEntry;
import io.kafkaaas.volume.MountedFilesystem;
import io.kafkaaas.volume.Mounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The kernel's mount table (/proc/self/mountinfo), mount(8)/umount(8), and an fstab file. */
public final class LinuxMounts implements Mounts {
    private static final Duration MOUNT_TIMEOUT = Duration.ofMinutes(5);

    private final Path mountinfo;
    private final FstabFile fstab;
    private final CommandRunner commands;

    public LinuxMounts(Path mountinfo, Path fstab, CommandRunner commands) {
        this.mountinfo = mountinfo;
        this.fstab = new FstabFile(fstab);
        this.commands = commands;
    }

    public static LinuxMounts system(Path fstab) {
        return new LinuxMounts(Path.of("/proc/self/mountinfo"), fstab, new ProcessCommandRunner());
    }

    @Override
    public List<MountedFilesystem> mounted() {
        try {
            return parse(Files.readAllLines(mountinfo, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KafkaAasException(ExitCode.INTERNAL, "cannot read the mount table " + mountinfo + ": " + e.getMessage(), e);
        }
    }

    /** mountinfo: id parent major:minor root mount-point options [optional...] - fstype source super-options. */
    static List<MountedFilesystem> parse(List<String> lines) {
        List<MountedFilesystem> mounts = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 6 || dash < 6 || dash + 2 >= f.length) {
                continue;
            }
            // read-only if the mount says so (field 6) or its filesystem does (super options, after the source)
            boolean readOnly = List.of(f[5].split(",")).contains("ro")
                    || (dash + 3 < f.length && List.of(f[dash + 3].split(",")).contains("ro"));
            mounts.add(new MountedFilesystem(Path.of(FstabFile.unescape(f[dash + 2])), Path.of(FstabFile.unescape(f[4])),
                    f[dash + 1], readOnly));
        }
        return mounts;
    }

    @Override
    public void mountByUuid(String uuid, String type, Path mountPoint) {
        CommandRunner.Result result = commands.run(MOUNT_TIMEOUT,
                List.of("mount", "-t", type, "-o", "noatime", "UUID=" + uuid, mountPoint.toString()));
        if (result.exitCode() != 0) {
            throw new KafkaAasException(ExitCode.INTERNAL, "mount UUID=" + uuid + " " + mountPoint + " failed (exit "
                    + result.exitCode() + "): " + result.firstErrorLine() + "; check dmesg (a damaged filesystem needs"
                    + " xfs_repair/e2fsck by hand)");
        }
    }

    @Override
    public void inspectByUuid(String uuid, String type, Path mountPoint) {
        String options = type.startsWith("ext") && !type.equals("ext2") ? "ro,noload" : type.equals("xfs") ? "ro,norecovery" : "ro";
        CommandRunner.Result result = commands.run(MOUNT_TIMEOUT,
                List.of("mount", "-t", type, "-o", options, "UUID=" + uuid, mountPoint.toString()));
        if (result.exitCode() != 0) {
            throw new KafkaAasException(ExitCode.INTERNAL, "mount -o " + options + " UUID=" + uuid + " " + mountPoint
                    + " failed (exit " + result.exitCode() + "): " + result.firstErrorLine() + "; check dmesg (a damaged"
                    + " filesystem needs xfs_repair/e2fsck by hand)");
        }
    }

    @Override
    public void unmount(Path mountPoint) {
        CommandRunner.Result result = commands.run(MOUNT_TIMEOUT, List.of("umount", mountPoint.toString()));
        if (result.exitCode() != 0) {
            throw new KafkaAasException(ExitCode.INTERNAL, "umount " + mountPoint + " failed (exit " + result.exitCode()
                    + "): " + result.firstErrorLine());
        }
    }

    @Override
    public boolean ensureFstabEntry(FstabEntry entry) {
        return fstab.ensure(entry);
    }
}
