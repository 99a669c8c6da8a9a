package io.kafkaaas.tooling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The repository under test and scratch copies of parts of it (for the "break it, the check must fail" tests). */
final class Repo {
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", ".idea", ".vscode", "node_modules", ".kitchen");

    private Repo() {
    }

    static Path root() {
        return Path.of(System.getProperty("kafkaaas.repo", "..")).toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static Path jar() {
        return Path.of(System.getProperty("kafkaaas.jar", root().resolve("java-helper/target/kafka-aas.jar").toString()));
    }

    /** The simulation jar the bake uploads to train the AppCDS archive (built by the simulation module). */
    static Path simulationJar() {
        return root().resolve("simulation/target/kafka-aas-simulation.jar");
    }

    /** Every regular file under the repository, outside build output and VCS folders. */
    static List<Path> files() {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return SKIPPED_DIRS.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Shell scripts: *.sh, and files whose first line is a sh/bash shebang (mvnw, .ci/run, ...). */
    static List<Path> shellScripts() {
        return files().stream().filter(Repo::isShellScript).sorted().toList();
    }

    static boolean isShellScript(Path file) {
        if (file.getFileName().toString().endsWith(".sh")) {
            return true;
        }
        try (Stream<String> lines = Files.lines(file)) {
            String first = lines.findFirst().orElse("");
            return first.matches("#!\\s*(/usr/bin/env\\s+(ba)?sh|/bin/(ba)?sh|/usr/bin/(ba)?sh)\\b.*");
        } catch (IOException | UncheckedIOException notText) {
            return false;
        }
    }

    /** Copies a file or folder of the repository into dir, keeping its relative path; returns the copy. */
    static Path copy(String relative, Path dir) {
        Path source = path(relative);
        Path target = dir.resolve(relative);
        try {
            if (Files.isDirectory(source)) {
                try (Stream<Path> walk = Files.walk(source)) {
                    for (Path p : walk.toList()) {
                        Path t = target.resolve(source.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(t);
                        } else {
                            Files.createDirectories(t.getParent());
                            Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                        }
                    }
                }
            } else {
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the one occurrence of a text in a file; fails when it is not there (the breakage must be real). */
    static void replaceOnce(Path file, String from, String to) {
        String content = read(file);
        int at = content.indexOf(from);
        if (at < 0 || content.indexOf(from, at + 1) >= 0) {
            throw new AssertionError("expected exactly one '" + from + "' in " + file);
        }
        write(file, content.substring(0, at) + to + content.substring(at + from.length()));
    }
}
