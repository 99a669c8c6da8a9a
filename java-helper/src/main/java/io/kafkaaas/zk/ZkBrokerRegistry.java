package io.kafkaaas.zk;

import io.kafkaaas.claim.BrokerRegistry;
import org.apache.curator.framework.CuratorFramework;

/** Kafka's own registration: an ephemeral /brokers/ids/&lt;id&gt; that lives as long as the broker's session. */
public final class ZkBrokerRegistry implements BrokerRegistry {
    private final CuratorFramework client;
    private final String chroot;

    public ZkBrokerRegistry(CuratorFramework client, String chroot) {
        this.client = client;
        this.chroot = chroot;
    }

    @Override
    public boolean isRegistered(int brokerId) {
        String path = chroot + "/brokers/ids/" + brokerId;
        try {
            return client.checkExists().forPath(path) != null;
        } catch (Exception e) {
            throw ZkFailures.translate(client, "check " + path, e);
        }
    }
}
