package io.kafkaaas.zk;

import io.kafkaaas.claim.Claim;
import io.kafkaaas.claim.ClaimData;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's conditional writes against a real ZooKeeper server. */
class ZkClaimStoreTest {
    private TestingServer server;
    private CuratorFramework client;
    private ZkClaimStore store;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer();
        client = ZooKeeperConnector.connect(ZkConnectString.parse(server.getConnectString() + "/chroot"), Duration.ofSeconds(10));
        store = new ZkClaimStore(client, "/chroot", "prod");
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
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
