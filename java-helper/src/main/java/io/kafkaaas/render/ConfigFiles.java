package io.kafkaaas.render;

import java.util.Optional;

/**
 * Port: the files render reads and writes, named by their absolute path on the target system. The
 * adapter decides where that is (/ or a sandbox --root) and writes atomically with the given mode and owner.
 */
public interface ConfigFiles {
    Optional<String> read(String path);

    /** Writes the file unless it already has this content, mode and owner; true when anything changed. */
    default boolean write(String path, String content, FileSpec spec) {
        return write(path, content.getBytes(java.nio.charset.StandardCharsets.UTF_8), spec);
    }

    /** The same for bytes (a keystore); the content is never logged. */
    boolean write(String path, byte[] content, FileSpec spec);

    /** The real location of a path, for results and messages (e.g. /tmp/root/etc/kafka/server.properties). */
    String locate(String path);

    /**
     * Checks, without writing, that {@link #write} could put a file at this path: its directory exists or can be
     * created, and may be written. Fails with a usage error (exit 2) naming the path and the fix, so a run can check
     * every target before it writes the first one.
     */
    void checkWritable(String path);

    /**
     * Mode and ownership of a written file. The owner and group are applied only when running as root and
     * when they exist: a missing group is logged, not fatal, so a sandbox render still works.
     */
    record FileSpec(int mode, String owner, String group) {
        public static FileSpec rootOwned(int mode) {
            return new FileSpec(mode, "root", "root");
        }
    }
}
