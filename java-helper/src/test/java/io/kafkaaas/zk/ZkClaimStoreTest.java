package io.kafkaaas.zk;

import io.kafkaaas.claim.Claim;
import io.kafkaaas.claim.ClaimBoard;
import io.kafkaaas.claim.ClaimData;
import io.kafkaaas.testing.EmbeddedZooKeeper;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The store's conditional writes against a real ZooKeeper server. */
class ZkClaimStoreTest {
    @RegisterExtension
    final EmbeddedZooKeeper zookeeper = new EmbeddedZooKeeper();
    private CuratorFramework client;
    private ZkClaimStore store;

    @BeforeEach
    void start() {
        client = ZooKeeperConnector.connect(ZkConnectString.parse(zookeeper.connectString() + "/chroot"), Duration.ofSeconds(10));
        store = new ZkClaimStore(client, "/chroot", "prod");
    }

    @AfterEach
    void stop() {
        client.close();
    }

    private static ClaimData data(String instanceId) {
        return new ClaimData(instanceId, "us-east-1a", Instant.parse("2026-01-01T00:00:00Z"), "eni-1", null);
    }

    @Test
    void createWinsOnceAndWritesTheDocumentedJson() throws Exception {
        assertThat(store.create(3, data("i-a"))).isTrue();
        assertThat(store.create(3, data("i-b"))).isFalse();

        String json = new String(client.getData().forPath("/chroot/kafka-aas/prod/claims/3"), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"instanceId\":\"i-a\",\"availabilityZone\":\"us-east-1a\","
                + "\"claimedAt\":\"2026-01-01T00:00:00Z\",\"eniId\":\"eni-1\"}");
        assertThat(client.checkExists().forPath("/chroot/kafka-aas/prod/claims/3").getEphemeralOwner()).isZero();
        Claim claim = store.read(3).orElseThrow();
        assertThat(claim.isOwnedBy("i-a")).isTrue();
        assertThat(claim.version()).isZero();
    }

    @Test
    void replaceAndDeleteAreCompareAndSet() {
        store.create(1, data("i-a"));
        Claim seen = store.read(1).orElseThrow();

        assertThat(store.replace(seen, data("i-b"))).isTrue();
        assertThat(store.replace(seen, data("i-c"))).as("stale version").isFalse();
        assertThat(store.delete(seen)).as("stale version").isFalse();
        Claim now = store.read(1).orElseThrow();
        assertThat(now.isOwnedBy("i-b")).isTrue();
        assertThat(store.delete(now)).isTrue();
        assertThat(store.read(1)).isEmpty();
        assertThat(store.replace(now, data("i-d"))).as("gone").isFalse();
    }

    @Test
    void everyWriteKeepsTheOwnerIndexInTheSameMulti() {
        store.create(1, data("i-a"));
        assertThat(store.board().indexed()).containsExactly(entry(1, List.of("i-a")));

        assertThat(store.replace(store.read(1).orElseThrow(), data("i-b"))).isTrue();
        assertThat(store.board().indexed()).containsExactly(entry(1, List.of("i-b")));

        assertThat(store.delete(store.read(1).orElseThrow())).isTrue();
        assertThat(store.board().indexed()).isEmpty();
        assertThat(store.board().claimed()).isEmpty();
    }

    @Test
    void claimsWithoutAnIndexEntryAreStillReplacedAndReleased() throws Exception {
        // Written by an older kafka-aas: a claim and no index entry.
        client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).forPath("/chroot/kafka-aas/prod/claims/2",
                "{\"instanceId\":\"i-old\",\"availabilityZone\":\"us-east-1a\",\"claimedAt\":\"2026-01-01T00:00:00Z\"}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(store.board().unindexed()).containsExactly(2);

        assertThat(store.replace(store.read(2).orElseThrow(), data("i-new"))).isTrue();
        assertThat(store.board().indexed()).containsExactly(entry(2, List.of("i-new")));
        assertThat(store.delete(store.read(2).orElseThrow())).isTrue();
        assertThat(store.read(2)).isEmpty();
    }

    @Test
    void theLineIsOrderedAndATicketLeavesWithItsClaim() {
        String first = store.join("i-a", "us-east-1a");
        String other = store.join("i-b", "us-east-1b");
        String second = store.join("i-c", "us-east-1a");
        ClaimBoard board = store.board();
        assertThat(board.rank(first)).hasValue(0);
        assertThat(board.rank(other)).as("alone in its AZ").hasValue(0);
        assertThat(board.rank(second)).hasValue(1);

        assertThat(store.createInLine(0, data("i-a"), first, board)).isTrue();
        ClaimBoard after = store.board();
        assertThat(after.isWaiting(first)).isFalse();
        assertThat(after.rank(second)).hasValue(0);
        assertThat(after.indexed()).containsExactly(entry(0, List.of("i-a")));
        assertThat(store.createInLine(0, data("i-c"), second, after)).as("NodeExists").isFalse();
        assertThat(store.board().isWaiting(second)).as("a lost create keeps its place").isTrue();
        store.leave(second);
        store.leave(second);
        assertThat(store.board().line()).extracting(ClaimBoard.Waiting::instanceId).containsExactly("i-b");
    }

    @Test
    void readAllSortsByIdAndKeepsUnreadableClaimsVisible() throws Exception {
        store.create(10, data("i-ten"));
        store.create(2, data("i-two"));
        client.create().withMode(CreateMode.PERSISTENT).forPath("/chroot/kafka-aas/prod/claims/5", "not json".getBytes(StandardCharsets.UTF_8));
        client.create().withMode(CreateMode.PERSISTENT).forPath("/chroot/kafka-aas/prod/claims/notes", new byte[0]);

        var all = store.readAll();

        assertThat(all.keySet()).containsExactly(2, 5, 10);
        assertThat(all.get(5).data()).isEmpty();
        assertThat(all.get(5).ownerLabel()).isEqualTo("(unreadable)");
    }

    @Test
    void anEmptyClusterHasNoClaims() {
        assertThat(new ZkClaimStore(client, "/chroot", "other").readAll()).isEmpty();
    }

    @Test
    void brokerRegistrationIsKafkasEphemeralNode() throws Exception {
        ZkBrokerRegistry registry = new ZkBrokerRegistry(client, "/chroot");
        assertThat(registry.isRegistered(4)).isFalse();
        client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath("/brokers/ids/4");
        assertThat(registry.isRegistered(4)).as("outside the chroot").isFalse();
        client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath("/chroot/brokers/ids/4");
        assertThat(registry.isRegistered(4)).isTrue();
    }
}
