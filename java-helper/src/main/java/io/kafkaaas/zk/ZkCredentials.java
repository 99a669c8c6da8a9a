package io.kafkaaas.zk;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.UsageException;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * The cluster's ZooKeeper digest identity, {@code user:password}, read from a file (--zookeeper-auth-file, which
 * fetch-secrets writes from SSM or Secrets Manager). The password is never logged: {@link #toString} names the
 * user only.
 */
public final class ZkCredentials {
    private final String user;
    private final String userAndPassword;

    private ZkCredentials(String user, String userAndPassword) {
        this.user = user;
        this.userAndPassword = userAndPassword;
    }

    /** Reads the file when the client connects: at boot it is written by an earlier step, not baked. */
    public static ZkCredentials fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--zookeeper-auth-file " + file + " does not exist or is not a file: it holds the"
                    + " cluster's ZooKeeper user:password (bootstrap with --secret-store fetches it from zookeeper-auth); create it,"
                    + " mode 0600 or stricter");
        }
        String content;
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (mode.contains(PosixFilePermission.OTHERS_READ)) {
                throw new UsageException("--zookeeper-auth-file " + file + " is readable by every user; chmod o-r it"
                        + " (0640, owner root, group of the Kafka service): it holds the password that guards the claims");
            }
            content = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new KafkaAasException(ExitCode.USAGE, "cannot read --zookeeper-auth-file " + file + ": " + e.getMessage()
                    + "; run as root or give the Kafka group read access", e);
        }
        int colon = content.indexOf(':');
        if (colon < 1 || colon == content.length() - 1 || content.contains("\n")) {
            // Never echo the content: it may be the password alone.
            throw new UsageException("--zookeeper-auth-file " + file + " must hold one line user:password"
                    + " (a user without ':' and a non-empty password)");
        }
        return new ZkCredentials(content.substring(0, colon), content);
    }

    public String user() {
        return user;
    }

    /** What the client sends to authenticate (scheme "digest"). */
    public byte[] authBytes() {
        return userAndPassword.getBytes(StandardCharsets.UTF_8);
    }

    /** The ACL id for this identity: user:base64(sha1(user:password)), as ZooKeeper's digest provider computes it. */
    public String digestId() {
        try {
            return DigestAuthenticationProvider.generateDigest(userAndPassword);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "ZooKeeper digest user " + user;
    }
}
