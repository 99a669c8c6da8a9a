package io.kafkaaas.zk;

import io.kafkaaas.claim.ClaimData;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** On a fresh ensemble nobody has created Kafka's chroot yet when the first instance claims an id. */
class ZooKeeperConnectorChrootTest {
    @Test
    void theFirstClaimUnderAChrootThatDoesNotExistYetSucceeds() throws Exception {
        try (TestingServer server = new TestingServer(true);
             CuratorFramework chrooted = ZooKeeperConnector.connect(ZkConnectString.parse(server.getConnectString() + "/kafka/prod"), Duration.ofSeconds(20));
             CuratorFramework plain = ZooKeeperConnector.connect(ZkConnectString.parse(server.getConnectString()), Duration.ofSeconds(20))) {
            ZkClaimStore store = new ZkClaimStore(chrooted, "/kafka/prod", "c1");

            assertThat(store.create(0, new ClaimData("i-0abc", "us-east-1a", Instant.parse("2025-01-01T00:00:00Z"), "eni-1", null))).isTrue();

            assertThat(plain.checkExists().forPath("/kafka/prod/kafka-aas/c1/claims/0")).isNotNull();
            assertThat(store.readAll()).containsKey(0);
            assertThat(new ZkBrokerRegistry(chrooted, "/kafka/prod").isRegistered(0)).isFalse();
        }
    }
}
