package io.kafkaaas.testing;

import io.kafkaaas.volume.FstabEntry;
import io.kafkaaas.volume.MountedFilesystem;
import io.kafkaaas.volume.Mounts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A mount table and fstab in memory; mountByUuid resolves the UUID through a function (the devices' view). */
public final class FakeMounts implements Mounts {
    private final List<MountedFilesystem> table = new ArrayList<>();
    private final List<FstabEntry> fstab = new ArrayList<>();
    private final Function<String, Path> deviceOfUuid;
    private int mountCalls;

    public FakeMounts(Function<String, Path> deviceOfUuid) {
        this.deviceOfUuid = deviceOfUuid;
    }

    public synchronized FakeMounts alreadyMounted(Path source, Path mountPoint, String type) {
        table.add(new MountedFilesystem(source, mountPoint, type));
        return this;
    }

    public synchronized List<FstabEntry> fstab() {
        return List.copyOf(fstab);
    }

    public synchronized int mountCalls() {
        return mountCalls;
    }

    @Override
    public synchronized List<MountedFilesystem> mounted() {
        return List.copyOf(table);
    }

    @Override
    public synchronized void mountByUuid(String uuid, String type, Path mountPoint) {
        mountCalls++;
        table.add(new MountedFilesystem(deviceOfUuid.apply(uuid), mountPoint, type));
    }

    @Override
    public synchronized void unmount(Path mountPoint) {
        for (int i = table.size() - 1; i >= 0; i--) {
            if (table.get(i).mountPoint().equals(mountPoint)) {
                table.remove(i);
                return;
            }
        }
        throw new IllegalStateException(mountPoint + " is not mounted");
    }

    @Override
    public synchronized boolean ensureFstabEntry(FstabEntry entry) {
        if (fstab.contains(entry)) {
            return false;
        }
        fstab.removeIf(e -> e.mountPoint().equals(entry.mountPoint()) || e.spec().equals(entry.spec()));
        fstab.add(entry);
        return true;
    }
}
