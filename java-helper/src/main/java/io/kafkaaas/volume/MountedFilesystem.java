package io.kafkaaas.volume;

import java.nio.file.Path;

/** One line of the mount table. */
public record MountedFilesystem(Path source, Path mountPoint, String type) {
}
