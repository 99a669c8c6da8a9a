package io.kafkaaas.os;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.volume.DirectoryOwners;
import io.kafkaaas.volume.KafkaAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * Owners through the JDK's POSIX view (NSS lookups, lchown). Links are never followed, so a symbolic link planted
 * in a log directory cannot make us chown something outside it. Run as another user than root (the local cloud on a
 * laptop), nobody may give files away, so the directories are created and only checked.
 */
public final class PosixDirectoryOwners implements DirectoryOwners {
    private static final Logger LOG = LoggerFactory.getLogger(PosixDirectoryOwners.class);

    private final UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
    private final boolean asRoot;

    public PosixDirectoryOwners(boolean asRoot) {
        this.asRoot = asRoot;
    }

    public static PosixDirectoryOwners system() {
        return new PosixDirectoryOwners("root".equals(System.getProperty("user.name")));
    }

    @Override
    public void requireAccount(KafkaAccount account) {
        user(account);
        group(account);
    }

    private UserPrincipal user(KafkaAccount account) {
        try {
            return lookup.lookupPrincipalByName(account.user());
        } catch (UserPrincipalNotFoundException e) {
            throw new UsageException("--kafka-user " + account.user() + " does not exist on this machine; install the Kafka"
                    + " package that creates it or pass --kafka-user with the user the Kafka service runs as");
        } catch (IOException e) {
            throw new UsageException("cannot look up user " + account.user() + ": " + e.getMessage());
        }
    }

    private GroupPrincipal group(KafkaAccount account) {
        try {
            return lookup.lookupPrincipalByGroupName(account.group());
        } catch (UserPrincipalNotFoundException e) {
            throw new UsageException("--kafka-group " + account.group() + " does not exist on this machine; install the Kafka"
                    + " package that creates it or pass --kafka-group with the group the Kafka service runs as");
        } catch (IOException e) {
            throw new UsageException("cannot look up group " + account.group() + ": " + e.getMessage());
        }
    }

    @Override
    public boolean ensureOwned(Path dir, KafkaAccount account) {
        UserPrincipal user = user(account);
        GroupPrincipal group = group(account);
        try {
            boolean created = !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
            Files.createDirectories(dir);
            PosixFileAttributes attributes = view(dir).readAttributes();
            if (attributes.owner().equals(user) && attributes.group().equals(group)) {
                return created;
            }
            if (!asRoot) {
                LOG.warn("{} belongs to {}:{}, not {}; only root may change that, so it stays", dir, attributes.owner().getName(),
                        attributes.group().getName(), account);
                return created;
            }
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    chown(d, user, group);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    chown(file, user, group);
                    return FileVisitResult.CONTINUE;
                }
            });
            LOG.info("{} now belongs to {}", dir, account);
            return true;
        } catch (IOException e) {
            throw new KafkaAasException(ExitCode.INTERNAL, "cannot create or chown " + dir + " to " + account + ": " + e
                    + "; check the volume is mounted read-write and rerun");
        }
    }

    private static void chown(Path path, UserPrincipal user, GroupPrincipal group) throws IOException {
        PosixFileAttributeView view = view(path);
        view.setOwner(user);
        view.setGroup(group);
    }

    private static PosixFileAttributeView view(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }
}
