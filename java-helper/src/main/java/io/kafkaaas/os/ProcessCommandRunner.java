package io.kafkaaas.os;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.UsageException;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs tools with ProcessBuilder: stdin from /dev/null (so nothing can prompt), stdout and stderr captured, bounded in time. */
public final class ProcessCommandRunner implements CommandRunner {
    private static final List<String> SBIN = List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/bin", "/bin");

    @Override
    public Result run(Duration timeout, List<String> command) {
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, locate(command.get(0)).map(Path::toString)
                .orElseThrow(() -> new UsageException(command.get(0) + " is not installed (not on PATH or in /usr/sbin, /sbin);"
                        + " install it (util-linux, e2fsprogs, xfsprogs)")));
        Process process;
        try {
            process = new ProcessBuilder(resolved).redirectInput(new File("/dev/null")).start();
        } catch (IOException e) {
            throw new KafkaAasException(ExitCode.INTERNAL, "could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new KafkaAasException(ExitCode.INTERNAL, String.join(" ", command) + " did not finish within "
                        + timeout.toSeconds() + " s; check the device and dmesg");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KafkaAasException(ExitCode.INTERNAL, "interrupted while running " + String.join(" ", command), e);
        }
    }

    @Override
    public boolean has(String tool) {
        return locate(tool).isPresent();
    }

    static Optional<Path> locate(String tool) {
        if (tool.contains("/")) {
            return Files.isExecutable(Path.of(tool)) ? Optional.of(Path.of(tool)) : Optional.empty();
        }
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(SBIN);
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst();
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
