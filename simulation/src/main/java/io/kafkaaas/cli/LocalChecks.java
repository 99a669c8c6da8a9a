package io.kafkaaas.cli;

import io.kafkaaas.core.UsageException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Up-front checks of the local commands (local-cloud, simulate), so bad input fails before anything starts. */
final class LocalChecks {
    private LocalChecks() {
    }

    /** Creates the directory if needed and proves we can write into it. */
    static Path writableWorkdir(Path workdir) {
        Path dir = workdir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", "");
            Files.delete(probe);
            return dir;
        } catch (IOException | SecurityException e) {
            throw new UsageException("--workdir " + dir + " is not a writable directory (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); pass a directory you can write to");
        }
    }

    /** Port 0 is always free; any other port must be bindable on the host right now. */
    static void portFree(String option, String host, int port) {
        if (port < 0 || port > 65535) {
            throw new UsageException(option + " " + port + " is out of range 0-65535");
        }
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new UsageException("port " + port + " on " + host + " (" + option + ") is busy: " + e.getMessage()
                    + "; stop what uses it or pass another " + option);
        }
    }
}
