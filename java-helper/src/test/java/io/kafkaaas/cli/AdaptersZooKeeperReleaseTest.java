package io.kafkaaas.cli;

import io.kafkaaas.testing.EmbeddedZooKeeper;
import io.kafkaaas.zk.ZkConnectString;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * bootstrap releases its ZooKeeper session once the claim is made, so the client's teardown runs beside the attach
 * steps. The session must really end (its ephemeral nodes go at once, not when it expires 30 s later), the run must
 * not use ZooKeeper after that, and closing the adapters waits for the teardown.
 */
class AdaptersZooKeeperReleaseTest {
    @RegisterExtension
    final EmbeddedZooKeeper zookeeper = new EmbeddedZooKeeper();

    @Test
    void aReleasedSessionHasEndedOnTheServerOnceTheAdaptersAreClosed() throws Exception {
        Adapters adapters = new Adapters(new AwsOptions());
        CuratorFramework client = adapters.zookeeper(ZkConnectString.parse(zookeeper.connectString()), Duration.ofSeconds(30));
        client.create().withMode(CreateMode.EPHEMERAL).forPath("/held-by-the-run");

        adapters.releaseZooKeeper();
        adapters.close();

        assertThat(client.getState()).isEqualTo(CuratorFrameworkState.STOPPED);
        // Read at once: an ended session's ephemeral node is gone; an abandoned one would stay until it expires.
        assertThat(zookeeper.observer().checkExists().forPath("/held-by-the-run")).isNull();
    }

    @Test
    void aRunThatReleasedZooKeeperCannotUseItAgain() throws Exception {
        try (Adapters adapters = new Adapters(new AwsOptions())) {
            ZkConnectString connect = ZkConnectString.parse(zookeeper.connectString());
            adapters.zookeeper(connect, Duration.ofSeconds(30));
            adapters.releaseZooKeeper();

            assertThatThrownBy(() -> adapters.zookeeper(connect, Duration.ofSeconds(30)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("released its ZooKeeper session");
        }
    }

    @Test
    void releasingARunThatNeverUsedZooKeeperDoesNothing() {
        Adapters adapters = new Adapters(new AwsOptions());
        adapters.releaseZooKeeper();
        adapters.close();
    }
}
