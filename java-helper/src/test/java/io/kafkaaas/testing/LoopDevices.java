package io.kafkaaas.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Real block devices for root-only tests: sparse image files behind loop devices. close() unmounts whatever is
 * still mounted from them and detaches them, so a failing test leaves nothing behind on the machine.
 */
public final class LoopDevices implements AutoCloseable {
    private final List<Path> devices = new ArrayList<>();
    private final List<Path> mountPoints = new ArrayList<>();
    private final List<Path> links = new ArrayList<>();

    /** A new loop device over a sparse file of the given size. */
    public Path create(Path image, long bytes) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(bytes);
        }
        return attach(image);
    }

    public Path attach(Path image) {
        Path device = Path.of(sh("losetup", "--find", "--show", image.toString()).strip());
        devices.add(device);
        return device;
    }

    /**
     * A device name under /dev, unique to this run (parallel test runs cannot collide), such as a Xen instance
     * would see for an attached EBS volume; {@link #link} makes it point at a loop device.
     */
    public Path deviceName() {
        Path name = Path.of("/dev/kafkaaas-test-" + UUID.randomUUID().toString().substring(0, 8));
        links.add(name);
        return name;
    }

    /** Makes the device name appear, as a symbolic link to the loop device. */
    public static void link(Path name, Path loopDevice) {
        try {
            Files.deleteIfExists(name);
            Files.createSymbolicLink(name, loopDevice);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + name + " to " + loopDevice, e);
        }
    }

    /** Remembers a mount point to unmount on close, whoever mounted it. */
    public void watchMountPoint(Path mountPoint) {
        mountPoints.add(mountPoint);
    }

    public static boolean isMounted(Path mountPoint) {
        try {
            String target = mountPoint.toRealPath().toString();
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(l -> l.split(" ")[4]).anyMatch(target::equals);
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command and returns stdout; fails the test on a non-zero exit. */
    public static String sh(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        List<String> problems = new ArrayList<>();
        for (Path mountPoint : mountPoints) {
            for (int i = 0; i < 5 && isMounted(mountPoint); i++) {
                try {
                    sh("umount", mountPoint.toString());
                } catch (IllegalStateException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        for (Path link : links) {
            try {
                Files.deleteIfExists(link);
            } catch (IOException e) {
                problems.add("cannot remove " + link + ": " + e.getMessage());
            }
        }
        for (Path device : devices) {
            try {
                sh("losetup", "--detach", device.toString());
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
        }
        devices.clear();
        mountPoints.clear();
        links.clear();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("cleanup: " + problems);
        }
    }
}
