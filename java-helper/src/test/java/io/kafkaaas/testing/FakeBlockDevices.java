package io.kafkaaas.testing;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.volume.BlockDevices;
import io.kafkaaas.volume.Filesystem;
import io.kafkaaas.volume.FilesystemProbe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Block devices in memory: which paths exist, which NVMe serial each has, what blkid would say about each, how big
 * each is (10 GiB unless told), where a non-zero byte sits (all zeros unless told), and what holds it.
 */
public final class FakeBlockDevices implements BlockDevices {
    public static final long DEFAULT_SIZE = 10L << 30;

    private final Map<Path, FilesystemProbe> contents = new ConcurrentHashMap<>();
    private final Map<Path, String> nvmeVolumeIds = new ConcurrentHashMap<>();
    private final Map<Path, Long> sizes = new ConcurrentHashMap<>();
    private final Map<Path, Long> dataAt = new ConcurrentHashMap<>();
    private final Map<Path, List<String>> holders = new ConcurrentHashMap<>();
    private final List<Path> formatted = new ArrayList<>();
    private final List<long[]> reads = new ArrayList<>();
    private final java.util.Set<Path> hiddenFromUuidSearch = ConcurrentHashMap.newKeySet();
    private volatile boolean nitro;
    private volatile String mkfsFailure;

    public FakeBlockDevices device(Path path, FilesystemProbe probe) {
        contents.put(path, probe);
        return this;
    }

    public FakeBlockDevices nvme(Path path, String volumeId, FilesystemProbe probe) {
        nvmeVolumeIds.put(path, volumeId);
        nitro = true;
        return device(path, probe);
    }

    /** This instance shows its EBS volumes (its root volume, say) as NVMe devices. */
    public FakeBlockDevices nitro() {
        nitro = true;
        return this;
    }

    public FakeBlockDevices size(Path path, long bytes) {
        sizes.put(path, bytes);
        return this;
    }

    /** The device holds a non-zero byte at this offset. */
    public FakeBlockDevices dataAt(Path path, long offset) {
        dataAt.put(path, offset);
        return this;
    }

    public FakeBlockDevices heldBy(Path path, String holder) {
        holders.put(path, List.of(holder));
        return this;
    }

    /** A UUID search (blkid -t UUID=...) does not list this device, as a stale or racing probe would not. */
    public FakeBlockDevices hiddenFromUuidSearch(Path path) {
        hiddenFromUuidSearch.add(path);
        return this;
    }

    /** mkfs fails with this message, as a full disk or an I/O error would make it. */
    public FakeBlockDevices mkfsFails(String message) {
        mkfsFailure = message;
        return this;
    }

    public synchronized List<Path> formatted() {
        return List.copyOf(formatted);
    }

    /** Total bytes read through {@link #read}. */
    public synchronized long bytesRead() {
        return reads.stream().mapToLong(r -> r[1]).sum();
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
    public boolean namesVolumesBySerial() {
        return nitro;
    }

    @Override
    public boolean isBlockDevice(Path device) {
        return contents.containsKey(device);
    }

    @Override
    public OptionalLong sizeBytes(Path device) {
        return contents.containsKey(device) ? OptionalLong.of(sizes.getOrDefault(device, DEFAULT_SIZE)) : OptionalLong.empty();
    }

    @Override
    public List<String> holders(Path device) {
        return holders.getOrDefault(device, List.of());
    }

    @Override
    public synchronized int read(Path device, long offset, ByteBuffer buffer) {
        if (!contents.containsKey(device)) {
            throw new UncheckedIOException(new IOException("no such device " + device));
        }
        long size = sizes.getOrDefault(device, DEFAULT_SIZE);
        int n = (int) Math.max(0, Math.min(buffer.remaining(), size - offset));
        int start = buffer.position();
        for (int i = 0; i < n; i++) {
            buffer.put((byte) 0);
        }
        Long data = dataAt.get(device);
        if (data != null && data >= offset && data < offset + n) {
            buffer.put(start + (int) (data - offset), (byte) 0x53);
        }
        reads.add(new long[] {offset, n});
        return n;
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
        if (mkfsFailure != null) {
            throw new KafkaAasException(ExitCode.INTERNAL, "mkfs." + filesystem + " " + device + " failed: " + mkfsFailure);
        }
        formatted.add(device);
        contents.put(device, new FilesystemProbe.Found(filesystem.name(), UUID.randomUUID().toString()));
    }

    @Override
    public List<Path> devicesWithUuid(String uuid) {
        return contents.entrySet().stream()
                .filter(e -> e.getValue() instanceof FilesystemProbe.Found f && f.uuid().equals(uuid))
                .filter(e -> !hiddenFromUuidSearch.contains(e.getKey()))
                .map(Map.Entry::getKey).toList();
    }
}
