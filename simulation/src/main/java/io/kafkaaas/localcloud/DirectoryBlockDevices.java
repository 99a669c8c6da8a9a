package io.kafkaaas.localcloud;

import io.kafkaaas.volume.BlockDevices;
import io.kafkaaas.volume.Filesystem;
import io.kafkaaas.volume.FilesystemProbe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
