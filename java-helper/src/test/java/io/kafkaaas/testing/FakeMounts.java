package io.kafkaaas.testing;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.volume.FstabEntry;
import io.kafkaaas.volume.MountedFilesystem;
import io.kafkaaas.volume.Mounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A mount table and fstab in memory; mountByUuid resolves the UUID through a function (the devices' view). */
public final class FakeMounts implements Mounts {
    private final List<MountedFilesystem> table = new ArrayList<>();
    private final List<FstabEntry> fstab = new ArrayList<>();
    private final Function<String, Path> deviceOfUuid;
    private int mountCalls;
    private int inspections;
    private Runnable onMount = () -> { };
    private String unmountFailure;

    public FakeMounts(Function<String, Path> deviceOfUuid) {
        this.deviceOfUuid = deviceOfUuid;
    }

    public synchronized FakeMounts alreadyMounted(Path source, Path mountPoint, String type) {
        table.add(new MountedFilesystem(source, mountPoint, type));
        return this;
    }

    /** Runs after each mount: how a test puts the filesystem's files (meta.properties, say) under the mount point. */
    public synchronized FakeMounts onMount(Runnable action) {
        this.onMount = action;
        return this;
    }

    /** umount fails with this message (a busy mount point, say) and leaves the mount in place. */
    public synchronized FakeMounts unmountFails(String message) {
        this.unmountFailure = message;
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
        onMount.run();
    }

    /** A read-only look: listed in the table like a mount (read-only, with type "ro:" + type), counted apart. */
    @Override
    public synchronized void inspectByUuid(String uuid, String type, Path mountPoint) {
        inspections++;
        table.add(new MountedFilesystem(deviceOfUuid.apply(uuid), mountPoint, "ro:" + type, true));
        onMount.run();
    }

    public synchronized int inspections() {
        return inspections;
    }

    @Override
    public synchronized void unmount(Path mountPoint) {
        if (unmountFailure != null) {
            throw new KafkaAasException(ExitCode.INTERNAL, "umount " + mountPoint + " failed: " + unmountFailure);
        }
        for (int i = table.size() - 1; i >= 0; i--) {
            if (table.get(i).mountPoint().equals(mountPoint)) {
                table.remove(i);
                hideContent(mountPoint);
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

    /** What was on the unmounted filesystem is no longer visible at the mount point. */
    private static void hideContent(Path mountPoint) {
        try (Stream<Path> walk = Files.walk(mountPoint)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(mountPoint)) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
