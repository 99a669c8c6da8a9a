package io.kafkaaas.os;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.render.ConfigFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Adapter: the local file system under a root directory ("/" in production, a sandbox in tests). A write goes
 * to a temporary file in the same directory, is flushed, gets its mode and owner, and is renamed over the
 * target, so a reader (Kafka, networkd) sees the old file or the new one, never half of one. --root is a promise
 * that nothing is written elsewhere: a path that passes through a symbolic link leading out of the root (or
 * nowhere) is refused before anything is read or written.
 */
public final class LocalConfigFiles implements ConfigFiles {
    private static final Logger LOG = LoggerFactory.getLogger(LocalConfigFiles.class);
    private final Path root;
    private final Path realRoot;
    private final boolean asRoot;

    public LocalConfigFiles(Path root) {
        this(root, "root".equals(System.getProperty("user.name")));
    }

    LocalConfigFiles(Path root, boolean asRoot) {
        this.root = root.toAbsolutePath().normalize();
        this.asRoot = asRoot;
        if (!Files.isDirectory(this.root)) {
            throw new UsageException("--root " + root + " is not a directory");
        }
        try {
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new UsageException("--root " + root + " cannot be resolved: " + e.getMessage());
        }
    }

    private Path resolve(String path) {
        Path resolved = root.resolve(path.replaceFirst("^/+", "")).normalize();
        if (!resolved.startsWith(root)) {
            throw new UsageException("path " + path + " leaves the root " + root);
        }
        refuseLinksOutOfRoot(resolved);
        return resolved;
    }

    /** Walks the path from the root down; stops at the first component that does not exist yet (write creates it). */
    private void refuseLinksOutOfRoot(Path resolved) {
        Path current = root;
        for (Path part : root.relativize(resolved)) {
            current = current.resolve(part);
            if (!Files.isSymbolicLink(current)) {
                if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                continue;
            }
            Path real;
            try {
                real = current.toRealPath();
            } catch (IOException e) {
                throw new UsageException("--root " + root + ": " + current + " is a symbolic link to " + linkTarget(current)
                        + ", which does not exist; a write through it could land outside the root: replace the link with"
                        + " a directory, or pass another --root");
            }
            if (!real.startsWith(realRoot)) {
                throw new UsageException("--root " + root + ": " + current + " is a symbolic link to " + real + ", outside"
                        + " the root; a write through it would land there: replace the link with a directory, or pass"
                        + " another --root");
            }
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "an unreadable target";
        }
    }

    @Override
    public String locate(String path) {
        return resolve(path).toString();
    }

    @Override
    public void checkWritable(String path) {
        Path target = resolve(path);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new UsageException("cannot write " + target + ": it is a directory; remove it or choose another path");
        }
        // write() creates missing directories, so the first one that exists is the one that must be writable.
        Path dir = target.getParent();
        while (!Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException("cannot write " + target + ": " + dir + " is not a directory; remove it or pass"
                    + " another --root");
        }
        if (!Files.isWritable(dir)) {
            throw new UsageException("cannot write " + target + ": " + dir + " is not writable (read-only, or not ours);"
                    + " run as root, or pass --root with a directory you may write");
        }
    }

    @Override
    public Optional<String> read(String path) {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KafkaAasException(ExitCode.INTERNAL, "cannot read " + file + ": " + e.getMessage());
        }
    }

    @Override
    public boolean write(String path, byte[] bytes, FileSpec spec) {
        Path target = resolve(path);
        Set<PosixFilePermission> mode = permissions(spec.mode());
        try {
            Optional<UserPrincipal> owner = asRoot ? lookupUser(target, spec.owner()) : Optional.empty();
            Optional<GroupPrincipal> group = asRoot ? lookupGroup(target, spec.group()) : Optional.empty();
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return fixMetadata(target, mode, owner, group);
            }
            Path dir = target.getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".kafka-aas-tmp");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                Files.setPosixFilePermissions(temp, mode);
                PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
                if (owner.isPresent()) {
                    view.setOwner(owner.get());
                }
                if (group.isPresent()) {
                    view.setGroup(group.get());
                }
                move(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
            syncDirectory(dir);
            return true;
        } catch (IOException e) {
            throw new KafkaAasException(ExitCode.INTERNAL, "cannot write " + target + ": " + e
                    + "; check that the directory is writable (run as root) or pass --root");
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically in " + target.getParent(), e);
        }
    }

    private static boolean fixMetadata(Path target, Set<PosixFilePermission> mode, Optional<UserPrincipal> owner,
                                       Optional<GroupPrincipal> group) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes attributes = view.readAttributes();
        boolean changed = false;
        if (!attributes.permissions().equals(mode)) {
            view.setPermissions(mode);
            changed = true;
        }
        if (owner.isPresent() && !attributes.owner().equals(owner.get())) {
            view.setOwner(owner.get());
            changed = true;
        }
        if (group.isPresent() && !attributes.group().equals(group.get())) {
            view.setGroup(group.get());
            changed = true;
        }
        if (changed) {
            LOG.info("fixed mode or owner of {}", target);
        }
        return changed;
    }

    private Optional<UserPrincipal> lookupUser(Path target, String name) throws IOException {
        UserPrincipalLookupService lookup = target.getFileSystem().getUserPrincipalLookupService();
        try {
            return Optional.of(lookup.lookupPrincipalByName(name));
        } catch (UserPrincipalNotFoundException e) {
            LOG.warn("user {} does not exist; {} keeps the owner of whoever runs kafka-aas", name, target);
            return Optional.empty();
        }
    }

    private Optional<GroupPrincipal> lookupGroup(Path target, String name) throws IOException {
        UserPrincipalLookupService lookup = target.getFileSystem().getUserPrincipalLookupService();
        try {
            return Optional.of(lookup.lookupPrincipalByGroupName(name));
        } catch (UserPrincipalNotFoundException e) {
            LOG.warn("group {} does not exist; {} keeps its group, so Kafka may not be able to read it"
                    + " (pass --kafka-group with the group the Kafka service runs as)", name, target);
            return Optional.empty();
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync directory {}: {}", dir, e.toString());
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }
}
