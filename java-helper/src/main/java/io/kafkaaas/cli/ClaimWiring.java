package io.kafkaaas.cli;

import io.kafkaaas.claim.BrokerIdClaimer;
import io.kafkaaas.claim.ClaimReleaser;
import io.kafkaaas.claim.ClaimStore;
import io.kafkaaas.claim.LeavingInstances;
import io.kafkaaas.claim.OwnerLiveness;
import io.kafkaaas.claim.SlotCatalog;
import io.kafkaaas.claim.SlotInspector;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.Sleeper;
import io.kafkaaas.zk.ZkBrokerRegistry;
import io.kafkaaas.zk.ZkClaimStore;
import org.apache.curator.framework.CuratorFramework;

import java.time.Clock;
import java.time.Duration;

/** Builds the claim domain objects on top of the real adapters; shared by claim-id, status and bootstrap. */
final class ClaimWiring {
    private final Adapters adapters;
    private final CuratorFramework curator;
    private final String chroot;
    private final ClaimStore store;
    private final Clock clock;

    ClaimWiring(Adapters adapters, ZooKeeperOptions zk, Clock clock) {
        this.adapters = adapters;
        this.curator = adapters.zookeeper(zk.connectString(), zk.timeout(), zk.security());
        this.chroot = zk.connectString().chroot();
        this.store = new ZkClaimStore(curator, chroot, zk.cluster());
        this.clock = clock;
    }

    SlotCatalog catalog() {
        return new SlotCatalog(adapters.networkInterfaces(), adapters.tagPrefix());
    }

    SlotInspector inspector(Duration grace) {
        return new SlotInspector(adapters.instanceDirectory(), new ZkBrokerRegistry(curator, chroot),
                new OwnerLiveness(clock, grace));
    }

    /**
     * @param leaving which live owners their group is terminating, asked only when the claim would otherwise be exit 3
     * @param timeout how long a claim waits for a dying owner's broker registration to go, or a leaving owner to become
     *                dying (rule 4), before exit 4
     */
    BrokerIdClaimer claimer(Duration grace, LeavingInstances leaving, Duration timeout) {
        return new BrokerIdClaimer(store, catalog(), inspector(grace), leaving, new ResourceWaiter(clock, Sleeper.system()),
                timeout);
    }

    ClaimReleaser releaser() {
        return new ClaimReleaser(store);
    }

    ClaimStore store() {
        return store;
    }
}
