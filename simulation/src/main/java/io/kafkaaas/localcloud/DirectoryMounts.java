package io.kafkaaas.localcloud;

import io.kafkaaas.os.FstabFile;
import io.kafkaaas.volume.FstabEntry;
import io.kafkaaas.volume.MountedFilesystem;
import io.kafkaaas.volume.Mounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Mounting a local-cloud volume is a symbolic link from the mount point to the volume's directory, and the
 * instance's mount table is a file (mtab, next to its fstab) that lists the links it made. fstab is the real
 * file format, written by the same code as on EC2.
 */
public final class DirectoryMounts implements Mounts {
    private final DirectoryBlockDevices devices;
    private final Path mtab;
    private final FstabFile fstab;

    public DirectoryMounts(DirectoryBlockDevices devices, Path fstab) {
        this.devices = devices;
        this.fstab = new FstabFile(fstab);
        this.mtab = fstab.toAbsolutePath().resolveSibling("mtab");
    }

    @Override
    public synchronized List<MountedFilesystem> mounted() {
        List<MountedFilesystem> table = new ArrayList<>();
        for (String line : lines()) {
            String[] fields = line.split(" ");
            Path mountPoint = Path.of(fields[1]);
            if (Files.isSymbolicLink(mountPoint)) {
                table.add(new MountedFilesystem(Path.of(fields[0]), mountPoint, fields[2]));
            }
        }
        return table;
    }

    @Override
    public synchronized void mountByUuid(String uuid, String type, Path mountPoint) {
        List<Path> sources = devices.devicesWithUuid(uuid);
        if (sources.size() != 1) {
            throw new IllegalStateException("UUID=" + uuid + " is on " + sources.size() + " volumes, not one");
        }
        try {
            if (Files.isDirectory(mountPoint, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> entries = Files.list(mountPoint)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalStateException("mount point " + mountPoint + " is not empty");
                    }
                }
                Files.delete(mountPoint);
            }
            Files.createSymbolicLink(mountPoint, sources.get(0));
            List<String> lines = new ArrayList<>(lines());
            lines.add(sources.get(0) + " " + mountPoint + " " + type);
            write(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mount " + sources.get(0) + " at " + mountPoint, e);
        }
    }

    /** A directory cannot be linked read-only; looking at it through the link writes nothing either. */
    @Override
    public void inspectByUuid(String uuid, String type, Path mountPoint) {
        mountByUuid(uuid, type, mountPoint);
    }

    @Override
    public synchronized void unmount(Path mountPoint) {
        try {
            if (Files.isSymbolicLink(mountPoint)) {
                Files.delete(mountPoint);
                Files.createDirectory(mountPoint);
            }
            write(lines().stream().filter(l -> !l.split(" ")[1].equals(mountPoint.toString())).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unmount " + mountPoint, e);
        }
    }

    @Override
    public boolean ensureFstabEntry(FstabEntry entry) {
        return fstab.ensure(entry);
    }

    private List<String> lines() {
        try {
            return Files.exists(mtab) ? Files.readAllLines(mtab, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + mtab, e);
        }
    }

    private void write(List<String> lines) throws IOException {
        Files.createDirectories(mtab.getParent());
        Files.write(mtab, lines, StandardCharsets.UTF_8);
    }
}
