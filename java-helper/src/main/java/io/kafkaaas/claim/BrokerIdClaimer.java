package io.kafkaaas.claim;

import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.WaitStep;
import io.kafkaaas.instance.InstanceIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The claim protocol of DESIGN.md, rules 1 to 5. Every decision that matters is a conditional write in the
 * store (create, or compare-and-set on the version we judged), so concurrent claimers can lose a race but
 * never share an id. Nothing here guesses: a lost race moves on to the next id. The one wait is rule 4's, as the
 * ENI store's: when nothing can be claimed now but an eligible id's owner is shutting down or terminated and only
 * its broker registration still blocks the takeover (Kafka's controlled shutdown not finished, or its ZooKeeper
 * session not yet expired), or its owner is leaving (still running to EC2, but in a Terminating lifecycle state of
 * its Auto Scaling group: its termination hook stops Kafka and releases the id), the whole claim is tried again
 * through the {@link ResourceWaiter}, bounded by the timeout, then exit 4. A leaving owner is only waited for, never
 * taken over: the takeover still needs EC2 to report it gone. Between tries the claimer holds no ticket in the line,
 * so it blocks nobody.
 */
public final class BrokerIdClaimer implements IdClaimer {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerIdClaimer.class);

    private final ClaimStore store;
    private final SlotCatalog catalog;
    private final SlotInspector inspector;
    private final LeavingInstances leaving;
    private final ResourceWaiter waiter;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param leaving asked only when the claim would otherwise be exit 3: which live owners their group is terminating
     * @param waiter  its clock stamps the claims; it paces the re-tries while a dying owner's broker is still registered
     *                or a leaving owner is still in its termination hook
     * @param timeout how long to wait for a dying owner's broker registration to go, or a leaving owner to become
     *                dying (rule 4), before exit 4
     */
    public BrokerIdClaimer(ClaimStore store, SlotCatalog catalog, SlotInspector inspector, LeavingInstances leaving,
                           ResourceWaiter waiter, Duration timeout) {
        this.store = store;
        this.catalog = catalog;
        this.inspector = inspector;
        this.leaving = leaving;
        this.waiter = waiter;
        this.timeout = timeout;
        this.clock = waiter.clock();
    }

    @Override
    public ClaimResult claim(InstanceIdentity me, int brokerCount) {
        // The first try runs at once: a free id, a takeover and rule 5's exit 3 never wait.
        return waiter.await("a broker id for " + me.instanceId() + " in " + me.availabilityZone(), timeout,
                () -> tryOnce(me, brokerCount),
                "a broker deregisters when its Kafka stops (the termination hook's kafka-aas-termination-watch stops it,"
                        + " releases the id and completes the hook, then EC2 shuts the owner down) or its ZooKeeper session"
                        + " expires (zookeeper.session.timeout.ms); an owner left in Terminating:Wait waits out its hook's"
                        + " HeartbeatTimeout: check that the owner finishes terminating in the EC2 console, then re-run"
                        + " bootstrap (systemctl restart kafka-aas-boot) or let the group replace this instance; kafka-aas"
                        + " never deletes another instance's registration or claim");
    }

    /**
     * One pass of rules 1 to 5: ready with the claim; pending while the only ids left are held by dying owners whose
     * broker is still registered, or by leaving owners; {@link NoFreeBrokerIdException} (exit 3) when nothing is worth
     * waiting for.
     */
    private WaitStep<ClaimResult> tryOnce(InstanceIdentity me, int brokerCount) {
        // A store that lines claimers up settles a claim in a constant number of requests; the walk below stays
        // for the other stores and for what the line cannot settle (no candidate left: rule 5 names every slot).
        if (store instanceof ClaimQueue queue) {
            Optional<ClaimResult> inLine = new QueuedIdClaimer(store, queue, inspector, clock).claim(me, catalog.slots(brokerCount));
            if (inLine.isPresent()) {
                return WaitStep.ready(inLine.get());
            }
        }
        SortedMap<Integer, Claim> claims = new TreeMap<>(store.readAll());

        // Rule 1: a re-run or a reboot keeps the id it already holds.
        Optional<Claim> own = claims.values().stream().filter(c -> c.isOwnedBy(me.instanceId())).findFirst();
        if (own.isPresent()) {
            LOG.info("{} already holds broker id {}", me.instanceId(), own.get().brokerId());
            return WaitStep.ready(new ClaimResult(own.get().brokerId(), false, own.get().data().map(ClaimData::eniId), Optional.empty()));
        }

        // Rule 2: only ids whose ENI lives in our AZ; an ENI cannot cross AZs.
        List<BrokerSlot> slots = catalog.slots(brokerCount);
        List<BrokerSlot> eligible = slots.stream().filter(s -> s.isEligibleIn(me.availabilityZone())).toList();
        if (eligible.isEmpty()) {
            throw new NoFreeBrokerIdException("no broker id is eligible for " + me.instanceId() + " in "
                    + me.availabilityZone() + ": no ENI tagged " + catalog.tagPrefix() + "0.." + catalog.tagPrefix()
                    + (brokerCount - 1) + " is in that AZ (" + slotZones(slots)
                    + "); create the ENIs there or launch the instance in their AZ");
        }

        // Rule 3: create, don't read-then-write. NodeExists means someone else won that id.
        for (BrokerSlot slot : eligible) {
            int id = slot.brokerId();
            if (claims.containsKey(id)) {
                continue;
            }
            if (store.create(id, newClaim(me, slot, null))) {
                LOG.info("{} claimed free broker id {}", me.instanceId(), id);
                return WaitStep.ready(new ClaimResult(id, true, eniId(slot, me), Optional.empty()));
            }
            Optional<Claim> winner = store.read(id);
            if (winner.isPresent() && winner.get().isOwnedBy(me.instanceId())) {
                // Our own create reached the server before a connection loss; its retry saw NodeExists.
                return WaitStep.ready(new ClaimResult(id, true, eniId(slot, me), Optional.empty()));
            }
            winner.ifPresent(c -> claims.put(id, c));
            LOG.debug("broker id {} was taken by {} while we tried it", id, winner.map(Claim::ownerLabel).orElse("?"));
        }

        // Rule 4: take over the id of an owner that is gone, by compare-and-set on the version we judged.
        List<SlotStatus> statuses = new ArrayList<>(inspector.inspect(slots, claims, SlotInspector.Registrations.NONE));
        List<SlotStatus> dying = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            SlotStatus status = statuses.get(i);
            if (!status.slot().isEligibleIn(me.availabilityZone()) || status.liveness() != Liveness.DEAD
                    || status.blocker().isPresent()) {
                continue;
            }
            status = inspector.withRegistration(status);
            statuses.set(i, status);
            if (!status.canBeTakenOver()) {
                // Dead, ENI free (checked above): only the broker registration blocks it. An owner EC2 reports
                // shutting-down or terminated lets go of it soon; one EC2 does not know (past the grace) may not.
                if (status.ownerState().isGone()) {
                    dying.add(status);
                }
                continue;
            }
            Claim stale = status.claim().orElseThrow();
            int id = status.brokerId();
            if (store.replace(stale, newClaim(me, status.slot(), stale.ownerLabel()))) {
                LOG.info("{} took over broker id {} from {} ({})", me.instanceId(), id, stale.ownerLabel(),
                        status.verdict().reason());
                return WaitStep.ready(new ClaimResult(id, true, eniId(status.slot(), me), Optional.of(stale.ownerLabel())));
            }
            Optional<Claim> now = store.read(id);
            if (now.isEmpty() && store.create(id, newClaim(me, status.slot(), null))) {
                LOG.info("{} claimed broker id {}, released while we took it over", me.instanceId(), id);
                return WaitStep.ready(new ClaimResult(id, true, eniId(status.slot(), me), Optional.empty()));
            }
            if (now.isPresent() && now.get().isOwnedBy(me.instanceId())) {
                return WaitStep.ready(new ClaimResult(id, true, eniId(status.slot(), me), Optional.of(stale.ownerLabel())));
            }
            LOG.info("broker id {} changed while we took it over; another instance won it", id);
        }

        // Rule 4, later: a dying owner's registration goes when its broker stops or its session expires; try again then.
        if (!dying.isEmpty()) {
            return WaitStep.pending("held by dying owners whose broker is still registered: " + dying.stream()
                    .map(s -> "id " + s.brokerId() + " of " + s.claim().orElseThrow().ownerLabel() + " ("
                            + s.ownerState().apiName() + ", registered at /brokers/ids/" + s.brokerId() + ")")
                    .collect(Collectors.joining(", ")));
        }

        // Rule 4, leaving: an owner EC2 reports running whose group is terminating it lets go when its termination hook
        // has stopped Kafka and EC2 shuts it down; then it is dying, and the pass above takes it over. Asked only here.
        Optional<String> leavingOwners = leavingOwners(statuses, me);
        if (leavingOwners.isPresent()) {
            return WaitStep.pending("held by leaving owners (terminating in their Auto Scaling group, still running to EC2): " + leavingOwners.get());
        }

        // Rule 5: no guessing, no random sleep; tell the operator what every slot looks like.
        throw new NoFreeBrokerIdException("no free broker id for " + me.instanceId() + " in " + me.availabilityZone()
                + " (broker-count " + brokerCount + "); slots: "
                + statuses.stream().map(s -> s.liveness() == Liveness.DEAD ? inspector.withRegistration(s) : s)
                        .map(SlotStatus::describe).collect(Collectors.joining("; "))
                + ". Terminate a stale instance, raise --broker-count with a new ENI and volume, or wait for a dying or"
                + " leaving owner to release its id and re-run bootstrap");
    }

    /**
     * The eligible ids whose owner EC2 reports running (pending, stopping) and whose group is terminating it, as
     * "id 2 of i-0ab (running, Terminating:Wait)"; empty when there are none, or when the look-up failed (then one
     * line says so, and the claim ends in exit 3 as it would without the look-up: no wait on a guess).
     */
    private Optional<String> leavingOwners(List<SlotStatus> statuses, InstanceIdentity me) {
        Map<String, SlotStatus> candidates = new LinkedHashMap<>();
        for (SlotStatus status : statuses) {
            if (status.slot().isEligibleIn(me.availabilityZone()) && status.liveness() == Liveness.ALIVE
                    && status.claim().flatMap(Claim::data).isPresent() && LeavingInstances.mayBeLeaving(status.ownerState())) {
                candidates.put(status.claim().get().data().get().instanceId(), status);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> leavingNow = leaving.find(candidates.keySet());
        if (leavingNow.isEmpty()) {
            return Optional.empty(); // none leaving, or unreadable (LeavingInstances said so): exit 3 as without the look-up
        }
        return Optional.of(leavingNow.entrySet().stream().map(e -> {
            SlotStatus s = candidates.get(e.getKey());
            return "id " + s.brokerId() + " of " + s.claim().orElseThrow().ownerLabel() + " (" + s.ownerState().apiName()
                    + ", " + e.getValue() + ")";
        }).collect(Collectors.joining(", ")));
    }

    private ClaimData newClaim(InstanceIdentity me, BrokerSlot slot, String takenOverFrom) {
        return new ClaimData(me.instanceId(), me.availabilityZone(), clock.instant(),
                eniId(slot, me).orElse(null), takenOverFrom);
    }

    private static Optional<String> eniId(BrokerSlot slot, InstanceIdentity me) {
        return slot.interfaceIn(me.availabilityZone()).map(n -> n.id());
    }

    private static String slotZones(List<BrokerSlot> slots) {
        return slots.stream().map(s -> s.brokerId() + " in " + s.zonesLabel()).collect(Collectors.joining(", "));
    }
}
