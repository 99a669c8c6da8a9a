package io.kafkaaas.kafka3;

import io.kafkaaas.claim.LeavingInstances;
import java.util.Map;
import io.kafkaaas.core.Sleeper;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.claim.BrokerIdClaimer;
import io.kafkaaas.claim.ClaimData;
import io.kafkaaas.claim.ClaimResult;
import io.kafkaaas.claim.OwnerLiveness;
import io.kafkaaas.claim.SlotCatalog;
import io.kafkaaas.claim.SlotInspector;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.testing.EmbeddedZooKeeper;
import io.kafkaaas.testing.FakeInstanceDirectory;
import io.kafkaaas.testing.FakeNetworkInterfaces;
import io.kafkaaas.zk.ZkBrokerRegistry;
import io.kafkaaas.zk.ZkClaimStore;
import io.kafkaaas.zk.ZkConnectString;
import io.kafkaaas.zk.ZooKeeperConnector;
import org.apache.curator.framework.CuratorFramework;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ZooKeeper-mode half of the testing ladder's top rung: claim an id with the real claimer in a real
 * ZooKeeper, render server.properties with the real CLI, and start a real Kafka 3.9 broker from that file
 * the way kafka-server-start does (Utils.loadProps, KafkaConfig, KafkaServer). It must register under the
 * claimed id, at the ENI address, in its AZ, and the claim adapter must see that registration.
 */
class Kafka3ZooKeeperBrokerTest {
    private static final String AZ = RenderedBroker.AZ;
    private static final String CLUSTER = "kafka3-it";
    private static final String CHROOT = "/kafka";

    @TempDir
    Path root;

    @RegisterExtension
    final EmbeddedZooKeeper zookeeper = new EmbeddedZooKeeper();
    private CuratorFramework curator;
    private RenderedBroker broker;

    @AfterEach
    void stop() throws IOException {
        if (broker != null) {
            broker.close();
        }
        if (curator != null) {
            curator.close();
        }
    }

    @Test
    void aBrokerStartedFromTheRenderedFileRegistersUnderTheClaimedId() throws Exception {
        String connect = zookeeper.connectString() + CHROOT;
        curator = ZooKeeperConnector.connect(ZkConnectString.parse(connect), Duration.ofSeconds(30));

        // Another instance holds id 0, so this instance gets 1: the rendered id is the claimed one, not a default.
        ZkClaimStore store = new ZkClaimStore(curator, CHROOT, CLUSTER);
        assertThat(store.create(0, new ClaimData("i-0other", AZ, Instant.now(), "eni-0", null))).isTrue();
        FakeNetworkInterfaces enis = new FakeNetworkInterfaces().addBrokerEnis("KAFKA-", 3, AZ);
        SlotInspector inspector = new SlotInspector(new FakeInstanceDirectory().put("i-0other", InstanceState.RUNNING),
                new ZkBrokerRegistry(curator, CHROOT), new OwnerLiveness(Clock.systemUTC(), OwnerLiveness.DEFAULT_GRACE));
        ClaimResult claim = new BrokerIdClaimer(store, new SlotCatalog(enis, "KAFKA-"), inspector,
                new LeavingInstances(ids -> Map.of()), new ResourceWaiter(Clock.systemUTC(), Sleeper.system()), Duration.ZERO)
                .claim(new InstanceIdentity("i-0me", AZ), 3);
        int id = claim.brokerId();
        assertThat(id).isEqualTo(1);

        broker = RenderedBroker.start(root, id, 3, connect);

        String registration = awaitRegistration(id, Duration.ofSeconds(120)); // a bound for a broken broker, generous for a loaded machine
        assertThat(registration).contains("PLAINTEXT://" + broker.bootstrapServer()).contains("\"rack\":\"" + AZ + "\"");
        assertThat(new ZkBrokerRegistry(curator, CHROOT).isRegistered(id)).as("the claim's liveness check sees the broker").isTrue();
        Properties meta = Utils.loadProps(broker.logDir.resolve("meta.properties").toString());
        assertThat(meta.getProperty("broker.id")).as("the volume is stamped with the claimed id").isEqualTo(Integer.toString(id));
    }

    private String awaitRegistration(int id, Duration timeout) throws Exception {
        String path = CHROOT + "/brokers/ids/" + id;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (curator.checkExists().forPath(path) != null) {
                return new String(curator.getData().forPath(path), StandardCharsets.UTF_8);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no broker registered at " + path + " within " + timeout.toSeconds() + " s");
    }

}
