package io.kafkaaas.volume;

import java.nio.file.Path;

/**
 * One line of the mount table. readOnly: the mount or its filesystem is read-only (a look-only mount, or one the
 * kernel turned read-only after errors), so it is never the broker's mount.
 */
public record MountedFilesystem(Path source, Path mountPoint, String type, boolean readOnly) {
    public MountedFilesystem(Path source, Path mountPoint, String type) {
        this(source, mountPoint, type, false);
    }
}
