package io.kafkaaas.testing;

import io.kafkaaas.volume.BlockDevices;
import io.kafkaaas.volume.Filesystem;
import io.kafkaaas.volume.FilesystemProbe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Block devices in memory: which paths exist, which NVMe serial each has, and what blkid would say about each. */
public final class FakeBlockDevices implements BlockDevices {
    private final Map<Path, FilesystemProbe> contents = new ConcurrentHashMap<>();
    private final Map<Path, String> nvmeVolumeIds = new ConcurrentHashMap<>();
    private final List<Path> formatted = new ArrayList<>();

    public FakeBlockDevices device(Path path, FilesystemProbe probe) {
        contents.put(path, probe);
        return this;
    }

    public FakeBlockDevices nvme(Path path, String volumeId, FilesystemProbe probe) {
        nvmeVolumeIds.put(path, volumeId);
        return device(path, probe);
    }

    public synchronized List<Path> formatted() {
        return List.copyOf(formatted);
    }

    @Override
    public Optional<Path> findByVolumeId(String volumeId) {
        return nvmeVolumeIds.entrySet().stream().filter(e -> e.getValue().equals(volumeId)).map(Map.Entry::getKey).findFirst();
    }

    @Override
    public Optional<String> volumeIdOf(Path device) {
        return Optional.ofNullable(nvmeVolumeIds.get(device));
    }

    @Override
    public boolean isBlockDevice(Path device) {
        return contents.containsKey(device);
    }

    @Override
    public FilesystemProbe probe(Path device) {
        return contents.getOrDefault(device, new FilesystemProbe.Unreadable("no such device " + device));
    }

    @Override
    public boolean canFormat(Filesystem filesystem) {
        return true;
    }

    @Override
    public synchronized void format(Path device, Filesystem filesystem) {
        formatted.add(device);
        contents.put(device, new FilesystemProbe.Found(filesystem.name(), UUID.randomUUID().toString()));
    }

    @Override
    public List<Path> devicesWithUuid(String uuid) {
        return contents.entrySet().stream()
                .filter(e -> e.getValue() instanceof FilesystemProbe.Found f && f.uuid().equals(uuid))
                .map(Map.Entry::getKey).toList();
    }
}
