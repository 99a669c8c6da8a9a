package io.kafkaaas.zk;

import io.kafkaaas.claim.Claim;
import io.kafkaaas.claim.ClaimData;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.testing.EmbeddedZooKeeper;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Claims only the cluster can write, on a real ZooKeeper: an unauthenticated client (or one with the wrong password)
 * can read at most, never write or delete, while authenticated claimers still claim, take over and release.
 */
class ZkClaimAclTest {
    private static final String CHROOT = "/kafka";
    private static final String CLAIMS = CHROOT + "/kafka-aas/prod/claims";

    @TempDir
    Path tmp;
    @RegisterExtension
    final EmbeddedZooKeeper zookeeper = new EmbeddedZooKeeper();
    private final List<CuratorFramework> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(CuratorFramework::close);
    }

    private Path authFile(String name, String content) throws IOException {
        Path file = Files.writeString(tmp.resolve(name), content + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        return file;
    }

    private CuratorFramework connect(ZkSecurity security) {
        CuratorFramework client = ZooKeeperConnector.connect(ZkConnectString.parse(zookeeper.connectString() + CHROOT),
                Duration.ofSeconds(20), security);
        clients.add(client);
        return client;
    }

    private CuratorFramework cluster(ZkSecurity.WorldAccess world) throws IOException {
        return connect(new ZkSecurity(Optional.of(authFile("zk-auth", "kafka-aas:s3cret-for-prod")), world, Optional.empty()));
    }

    private static ClaimData data(String instanceId) {
        return new ClaimData(instanceId, "us-east-1a", Instant.parse("2026-01-01T00:00:00Z"), "eni-1", null);
    }

    @Test
    void everyZnodeOfTheHelpersTreeBelongsToTheClusterAndTheWorldMayOnlyRead() throws Exception {
        CuratorFramework claimer = cluster(ZkSecurity.WorldAccess.read);
        assertThat(new ZkClaimStore(claimer, CHROOT, "prod").create(0, data("i-a"))).isTrue();

        String digest = ZkCredentials.fromFile(tmp.resolve("zk-auth")).digestId();
        List<ACL> expected = List.of(new ACL(ZooDefs.Perms.ALL, new Id("digest", digest)),
                new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE));
        for (String path : List.of(CHROOT + "/kafka-aas", CHROOT + "/kafka-aas/prod", CLAIMS, CLAIMS + "/0")) {
            assertThat(claimer.getACL().forPath(path)).as(path).containsExactlyElementsOf(expected);
        }
        assertThat(digest).startsWith("kafka-aas:").doesNotContain("s3cret");
        // The chroot is Kafka's: it stays open, or Kafka could not create /brokers under it.
        assertThat(claimer.getACL().forPath(CHROOT)).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
    }

    @Test
    void anUnauthenticatedClientCanReadAClaimButNeverRewriteDeleteOrAddOne() throws Exception {
        new ZkClaimStore(cluster(ZkSecurity.WorldAccess.read), CHROOT, "prod").create(0, data("i-a"));
        CuratorFramework intruder = connect(ZkSecurity.none());

        assertThat(new String(intruder.getData().forPath(CLAIMS + "/0"), StandardCharsets.UTF_8)).contains("\"instanceId\":\"i-a\"");
        assertThatThrownBy(() -> intruder.setData().forPath(CLAIMS + "/0", "{\"instanceId\":\"i-evil\"}".getBytes()))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> intruder.delete().forPath(CLAIMS + "/0")).isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> intruder.create().forPath(CLAIMS + "/1", "{}".getBytes())).isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> intruder.create().forPath(CHROOT + "/kafka-aas/other", "{}".getBytes()))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> intruder.setACL().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath(CLAIMS + "/0"))
                .isInstanceOf(KeeperException.NoAuthException.class);

        // Through the store, the refusal is one line that names the fix.
        ZkClaimStore store = new ZkClaimStore(intruder, CHROOT, "prod");
        Claim seen = store.read(0).orElseThrow();
        assertThatThrownBy(() -> store.replace(seen, data("i-evil")))
                .isInstanceOfSatisfying(KafkaAasException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("no permission (ACL)").hasMessageContaining("--zookeeper-auth-file");
        assertThat(store.read(0).orElseThrow().isOwnedBy("i-a")).isTrue();
    }

    @Test
    void theWrongPasswordIsNoBetterThanNone() throws Exception {
        new ZkClaimStore(cluster(ZkSecurity.WorldAccess.read), CHROOT, "prod").create(0, data("i-a"));
        CuratorFramework guesser = connect(new ZkSecurity(Optional.of(authFile("wrong", "kafka-aas:guess")),
                ZkSecurity.WorldAccess.read, Optional.empty()));

        assertThatThrownBy(() -> guesser.setData().forPath(CLAIMS + "/0", "{}".getBytes())).isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> guesser.delete().forPath(CLAIMS + "/0")).isInstanceOf(KeeperException.NoAuthException.class);
    }

    @Test
    void withWorldAccessNoneAnUnauthenticatedClientCannotEvenRead() throws Exception {
        new ZkClaimStore(cluster(ZkSecurity.WorldAccess.none), CHROOT, "prod").create(0, data("i-a"));
        CuratorFramework intruder = connect(ZkSecurity.none());

        assertThatThrownBy(() -> intruder.getData().forPath(CLAIMS + "/0")).isInstanceOf(KeeperException.NoAuthException.class);
    }

    @Test
    void anotherAuthenticatedInstanceTakesOverAndReleasesAsBefore() throws Exception {
        ZkClaimStore first = new ZkClaimStore(cluster(ZkSecurity.WorldAccess.read), CHROOT, "prod");
        assertThat(first.create(2, data("i-dead"))).isTrue();
        ZkClaimStore replacement = new ZkClaimStore(cluster(ZkSecurity.WorldAccess.read), CHROOT, "prod");

        Claim stale = replacement.read(2).orElseThrow();
        assertThat(replacement.replace(stale, data("i-new"))).as("takeover is a compare-and-set").isTrue();
        assertThat(replacement.replace(stale, data("i-late"))).as("the stale version loses").isFalse();
        Claim mine = replacement.read(2).orElseThrow();
        assertThat(mine.isOwnedBy("i-new")).isTrue();
        assertThat(replacement.delete(mine)).as("release").isTrue();
        assertThat(replacement.read(2)).isEmpty();
        assertThat(replacement.create(2, data("i-next"))).as("the claims parent keeps accepting the cluster's claims").isTrue();
    }

    @Test
    void theAuthFileMustBeUserColonPasswordAndNotWorldReadable() throws IOException {
        Path open = Files.writeString(tmp.resolve("open"), "kafka-aas:pw\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ZkCredentials.fromFile(open)).isInstanceOf(UsageException.class).hasMessageContaining("readable by every user");

        Path noUser = authFile("no-user", "just-a-password");
        assertThatThrownBy(() -> ZkCredentials.fromFile(noUser)).isInstanceOf(UsageException.class)
                .hasMessageContaining("must hold one line user:password").hasMessageNotContaining("just-a-password");

        assertThatThrownBy(() -> ZkCredentials.fromFile(tmp.resolve("missing"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("does not exist");

        ZkCredentials ok = ZkCredentials.fromFile(authFile("ok", "kafka-aas:pw"));
        assertThat(ok.user()).isEqualTo("kafka-aas");
        assertThat(ok.toString()).doesNotContain("pw:").doesNotContain(":pw");
    }
}
