package io.kafkaaas.localcloud;

import io.kafkaaas.volume.BlockDevices;
import io.kafkaaas.volume.Filesystem;
import io.kafkaaas.volume.FilesystemProbe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The local cloud's volumes as block devices: each volume is the directory &lt;root&gt;/&lt;volume-id&gt;. A
 * "filesystem" is a label file in it, written by format; a directory without the label but with files in it
 * is data we do not understand, exactly like an unknown signature on a real device, and is never formatted.
 */
public final class DirectoryBlockDevices implements BlockDevices {
    static final String LABEL = ".kafka-aas-filesystem";

    private final Path root;

    public DirectoryBlockDevices(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<Path> findByVolumeId(String volumeId) {
        Path dir = root.resolve(volumeId);
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    @Override
    public Optional<String> volumeIdOf(Path device) {
        Path path = device.toAbsolutePath().normalize();
        return path.getParent() != null && path.getParent().equals(root) ? Optional.of(path.getFileName().toString())
                : Optional.empty();
    }

    /** A local volume is found by its id only, like an NVMe serial: no device name stands in for it. */
    @Override
    public boolean namesVolumesBySerial() {
        return true;
    }

    /** A directory "device" holds the bytes of its files, read in name order. */
    @Override
    public OptionalLong sizeBytes(Path device) {
        try {
            long size = 0;
            for (Path file : files(device)) {
                size += Files.size(file);
            }
            return OptionalLong.of(size);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public List<String> holders(Path device) {
        return List.of();
    }

    @Override
    public int read(Path device, long offset, ByteBuffer buffer) {
        try {
            int total = 0;
            long start = 0;
            for (Path file : files(device)) {
                long size = Files.size(file);
                long from = offset + total - start;
                if (buffer.hasRemaining() && from >= 0 && from < size) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                        for (int n; buffer.hasRemaining() && (n = channel.read(buffer, from)) > 0; from += n) {
                            total += n;
                        }
                    }
                }
                start += size;
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + device, e);
        }
    }

    private static List<Path> files(Path device) throws IOException {
        try (Stream<Path> walk = Files.walk(device)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Override
    public boolean isBlockDevice(Path device) {
        return volumeIdOf(device).isPresent() && Files.isDirectory(device);
    }

    @Override
    public FilesystemProbe probe(Path device) {
        Path label = device.resolve(LABEL);
        try {
            if (Files.exists(label)) {
                Properties p = new Properties();
                try (var reader = Files.newBufferedReader(label, StandardCharsets.UTF_8)) {
                    p.load(reader);
                }
                return new FilesystemProbe.Found(p.getProperty("type"), p.getProperty("uuid"));
            }
            try (Stream<Path> entries = Files.list(device)) {
                return entries.findAny().isPresent() ? new FilesystemProbe.Foreign("files without a filesystem label")
                        : new FilesystemProbe.Blank();
            }
        } catch (IOException e) {
            return new FilesystemProbe.Unreadable(e.getMessage());
        }
    }

    @Override
    public boolean canFormat(Filesystem filesystem) {
        return true;
    }

    @Override
    public void format(Path device, Filesystem filesystem) {
        try {
            Files.writeString(device.resolve(LABEL), "type=" + filesystem + "\nuuid=" + UUID.randomUUID() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format " + device, e);
        }
    }

    @Override
    public List<Path> devicesWithUuid(String uuid) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> volumes = Files.list(root)) {
            for (Path dir : volumes.filter(Files::isDirectory).sorted().toList()) {
                if (probe(dir) instanceof FilesystemProbe.Found f && uuid.equals(f.uuid())) {
                    found.add(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return found;
    }
}
