package io.kafkaaas.cli;

import io.kafkaaas.claim.EniClaimer;
import io.kafkaaas.claim.EniHolders;
import io.kafkaaas.claim.EniHolding;
import io.kafkaaas.claim.IdClaimer;
import io.kafkaaas.claim.LeavingInstances;
import io.kafkaaas.claim.ReleaseResult;
import io.kafkaaas.claim.SlotCatalog;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.Sleeper;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.render.KafkaMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one place that picks a command run's claim store, checked before anything is touched: ZooKeeper (then
 * --zookeeper is required) or the ENI attachment (then ZooKeeper is not used, and a --zookeeper given anyway is
 * ignored with one line on stderr). Everything else about ZooKeeper claims stays in {@link ClaimWiring}.
 */
final class ClaimStores {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimStores.class);

    private final ClaimStoreKind kind;
    private final ZooKeeperOptions zk;

    private ClaimStores(ClaimStoreKind kind, ZooKeeperOptions zk) {
        this.kind = kind;
        this.zk = zk;
    }

    /**
     * @param zookeeperRendered whether --zookeeper is used for something else in this run (bootstrap renders
     *                          zookeeper.connect in ZooKeeper mode), so it is not "ignored" with the ENI store
     */
    static ClaimStores choose(ClaimStoreOptions options, KafkaMode mode, ZooKeeperOptions zk, boolean zookeeperRendered,
                              Consumer<String> warn) {
        ClaimStoreKind kind = options.kind(mode);
        boolean zookeeperGiven = zk.zookeeper != null && !zk.zookeeper.isBlank();
        if (kind == ClaimStoreKind.zookeeper) {
            if (!zookeeperGiven) {
                String why = options.given().isPresent() ? "" : " (the default with --kafka-mode " + mode + ")";
                throw new UsageException("--zookeeper is required with --claim-store zookeeper" + why
                        + ": give the ZooKeeper connect string, e.g. zk1:2181,zk2:2181/kafka, or pass --claim-store eni"
                        + " to claim ids by attaching their ENIs");
            }
            zk.validate();
        } else if (zookeeperGiven && !zookeeperRendered) {
            warn.accept("--zookeeper is ignored with --claim-store eni: the ENI attachment is the claim, ZooKeeper is not used");
        }
        return new ClaimStores(kind, zk);
    }

    ClaimStoreKind kind() {
        return kind;
    }

    /** The cluster name: required with ZooKeeper (it scopes the claims), informative with the ENI store. */
    String cluster() {
        return kind == ClaimStoreKind.zookeeper ? zk.cluster() : zk.cluster == null ? null : zk.cluster.value();
    }

    /**
     * @param deviceIndex where the ENI store attaches (the attach-eni step's index)
     * @param timeout     how long to wait for a dying or leaving owner to let go (rule 4): the ENI store for ENIs that
     *                    such instances hold, ZooKeeper for such an owner's id
     * @param autoScalingEndpoint where to ask whether an owner is leaving (its group terminating it); the client is
     *                    built only if a claim would otherwise end in exit 3
     */
    IdClaimer claimer(Adapters adapters, Duration grace, int deviceIndex, Duration timeout, Clock clock,
                      Optional<URI> autoScalingEndpoint) {
        LifecycleAdapters lifecycle = adapters.register(new LifecycleAdapters(adapters, autoScalingEndpoint, Optional.empty()));
        LeavingInstances leaving = new LeavingInstances(lifecycle.groupLifecycleStates());
        if (kind == ClaimStoreKind.zookeeper) {
            return new ClaimWiring(adapters, zk, clock).claimer(grace, leaving, timeout);
        }
        return new EniClaimer(adapters.networkInterfaces(), new SlotCatalog(adapters.networkInterfaces(), adapters.tagPrefix()),
                new EniHolders(adapters.instanceDirectory()), leaving, new ResourceWaiter(clock, Sleeper.system()), deviceIndex,
                timeout);
    }

    /** Rule 6 of each store: ZooKeeper deletes this instance's claim; the ENI store detaches nothing. */
    ReleaseResult release(Adapters adapters, String instanceId, Clock clock) {
        if (kind == ClaimStoreKind.zookeeper) {
            return new ClaimWiring(adapters, zk, clock).releaser().release(instanceId);
        }
        LOG.info("claim store eni: {} detaches nothing; EC2 releases its broker ENI when it terminates", instanceId);
        return new ReleaseResult(List.of());
    }

    /** The ENI store's slots as status shows them: each broker ENI, its holder and the holder's state. */
    List<EniHolding> eniHoldings(Adapters adapters, int brokerCount) {
        return new EniHolders(adapters.instanceDirectory())
                .inspect(new SlotCatalog(adapters.networkInterfaces(), adapters.tagPrefix()).slots(brokerCount));
    }

    Optional<String> zookeeperForRender() {
        return Optional.ofNullable(zk.zookeeper).filter(z -> !z.isBlank());
    }
}
