package io.kafkaaas.retire;

import io.kafkaaas.claim.Claim;
import io.kafkaaas.claim.Liveness;
import io.kafkaaas.claim.OwnerLiveness;
import io.kafkaaas.core.DataSafetyException;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.eni.NetworkInterfaces;
import io.kafkaaas.health.ClusterView;
import io.kafkaaas.health.PartitionReplicas;
import io.kafkaaas.instance.InstanceDirectory;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.volume.Volumes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Retires a broker id for good, or brings a retired one back. Retiring renames the id's ENI and volume
 * {@code <prefix><id>-retired}: claimers look only for {@code <prefix><id>}, so no instance ever takes them again.
 * It refuses (exit 5) while anything still uses the id: a live instance holding its claim, ENI or volume, a broker
 * registered under it, or a partition replica assigned to it (a leader is always one of the replicas). Every step
 * is idempotent, and the retag comes before the claim's release, so the id is never free and claimable in between.
 */
public final class BrokerRetirer {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerRetirer.class);
    private static final int PARTITIONS_NAMED = 5;

    private final NetworkInterfaces enis;
    private final Volumes volumes;
    private final NameTags names;
    private final InstanceDirectory instances;
    private final OwnerLiveness liveness;
    private final RetirableClaims claims;
    private final String tagPrefix;

    public BrokerRetirer(NetworkInterfaces enis, Volumes volumes, NameTags names, InstanceDirectory instances,
                         OwnerLiveness liveness, RetirableClaims claims, String tagPrefix) {
        this.enis = enis;
        this.volumes = volumes;
        this.names = names;
        this.instances = instances;
        this.liveness = liveness;
        this.claims = claims;
        this.tagPrefix = tagPrefix;
    }

    public RetireResult retire(int brokerId, ClusterView cluster) {
        IdResources found = IdResources.find(brokerId, tagPrefix, enis, volumes);
        if (found.isUnknown()) {
            throw unknown(found);
        }
        Optional<Claim> claim = claims.read(brokerId);
        refuseWhileHeld(found, claim);
        refuseWhileInUse(brokerId, cluster);

        List<String> renamed = new ArrayList<>();
        for (String resource : found.activeIds()) {
            names.rename(resource, found.retiredName());
            renamed.add(resource);
            LOG.info("{} renamed {} (was {})", resource, found.retiredName(), found.activeName());
        }
        // Only now: with the ENI renamed no claimer sees the id any more, so releasing cannot hand it to anyone.
        boolean released = claim.map(c -> release(brokerId, c)).orElse(false);
        if (renamed.isEmpty() && !released) {
            LOG.info("broker id {} was already retired; nothing to do", brokerId);
        }
        return new RetireResult(brokerId, true, found.retiredName(), renamed, released, found.eniIds(), found.volumeIds());
    }

    public RetireResult restore(int brokerId) {
        IdResources found = IdResources.find(brokerId, tagPrefix, enis, volumes);
        if (found.isUnknown()) {
            throw unknown(found);
        }
        if (!found.hasRetired()) {
            throw new UsageException("broker id " + brokerId + " is not retired: " + String.join(", ", found.activeIds())
                    + " still carry Name=" + found.activeName() + "; --restore only brings back an id that retire-id retired");
        }
        if (!found.activeEnis().isEmpty() && !found.retiredEnis().isEmpty()
                || !found.activeVolumes().isEmpty() && !found.retiredVolumes().isEmpty()) {
            throw new UsageException("broker id " + brokerId + " has both " + found.activeName() + " (" + String.join(", ", found.activeIds())
                    + ") and " + found.retiredName() + " (" + String.join(", ", found.retiredIds()) + ") resources; restoring would"
                    + " give the id two ENIs or volumes: delete or rename the new ones first");
        }
        List<String> renamed = new ArrayList<>();
        for (String resource : found.retiredIds()) {
            names.rename(resource, found.activeName());
            renamed.add(resource);
            LOG.info("{} renamed {} (was {}): broker id {} can be claimed again", resource, found.activeName(),
                    found.retiredName(), brokerId);
        }
        return new RetireResult(brokerId, false, found.activeName(), renamed, false, found.eniIds(), found.volumeIds());
    }

    private UsageException unknown(IdResources found) {
        return new UsageException("broker id " + found.brokerId() + " is unknown: no ENI or volume is tagged Name="
                + found.activeName() + " or Name=" + found.retiredName() + " in this region; check --broker-id, --tag-prefix and --region");
    }

    /** Refuses while a live instance holds the id's claim, ENI or volume: it is a broker, or about to become one. */
    private void refuseWhileHeld(IdResources found, Optional<Claim> claim) {
        Set<String> ids = new LinkedHashSet<>(found.holders());
        claim.flatMap(Claim::data).ifPresent(d -> ids.add(d.instanceId()));
        Map<String, InstanceState> states = ids.isEmpty() ? Map.of() : instances.states(ids);

        List<String> holders = new ArrayList<>();
        if (claim.isPresent()) {
            OwnerLiveness.Verdict verdict = liveness.judge(claim.get(),
                    claim.get().data().map(d -> states.getOrDefault(d.instanceId(), InstanceState.UNKNOWN)).orElse(InstanceState.UNKNOWN));
            if (verdict.liveness() == Liveness.ALIVE) {
                holders.add("its claim in " + claims.describe() + " names " + claim.get().ownerLabel() + " (" + verdict.reason() + ")");
            }
        }
        for (String holder : found.holders()) {
            InstanceState state = states.getOrDefault(holder, InstanceState.UNKNOWN);
            if (!state.isGone() && state != InstanceState.UNKNOWN) {
                holders.add("its ENI or volume is attached to " + holder + " (" + state.apiName() + ")");
            }
        }
        if (!holders.isEmpty()) {
            throw new DataSafetyException("broker id " + found.brokerId() + " is still claimed by a running instance: "
                    + String.join("; ", holders) + ". Terminate that instance first (aws autoscaling"
                    + " terminate-instance-in-auto-scaling-group --should-decrement-desired-capacity), then retire the id");
        }
    }

    /** Refuses while Kafka still registers the broker or assigns it any partition replica. */
    private static void refuseWhileInUse(int brokerId, ClusterView cluster) {
        List<PartitionReplicas> hosted = cluster.partitions().stream().filter(p -> p.hostedBy(brokerId)).toList();
        if (!hosted.isEmpty()) {
            String named = hosted.stream().limit(PARTITIONS_NAMED).map(PartitionReplicas::name).collect(Collectors.joining(", "));
            throw new DataSafetyException("broker " + brokerId + " still hosts " + hosted.size() + " partition replica(s) in "
                    + cluster.describe() + " (" + named + (hosted.size() > PARTITIONS_NAMED ? ", ..." : "") + "): move them to"
                    + " other brokers with kafka-reassign-partitions (docs/operations.md, \"Retire a broker\"), then retire the id");
        }
        if (cluster.registeredBrokers().contains(brokerId)) {
            throw new DataSafetyException("broker " + brokerId + " is still registered in " + cluster.describe()
                    + ": a Kafka broker runs with this id; stop it (terminate its instance) before retiring the id");
        }
    }

    private boolean release(int brokerId, Claim claim) {
        if (claims.release(claim)) {
            LOG.info("released the claim of broker id {} held by {} in {}", brokerId, claim.ownerLabel(), claims.describe());
            return true;
        }
        if (claims.read(brokerId).isPresent()) {
            throw new KafkaAasException(ExitCode.INTERNAL, "the claim of broker id " + brokerId + " in " + claims.describe()
                    + " changed while retire-id released it; run retire-id again");
        }
        return false;
    }
}
