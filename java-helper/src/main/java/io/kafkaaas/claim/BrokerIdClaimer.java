package io.kafkaaas.claim;

import io.kafkaaas.instance.InstanceIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The claim protocol of DESIGN.md, rules 1 to 5. Every decision that matters is a conditional write in the
 * store (create, or compare-and-set on the version we judged), so concurrent claimers can lose a race but
 * never share an id. Nothing here sleeps or guesses: a lost race moves on to the next id.
 */
public final class BrokerIdClaimer implements IdClaimer {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerIdClaimer.class);

    private final ClaimStore store;
    private final SlotCatalog catalog;
    private final SlotInspector inspector;
    private final Clock clock;

    public BrokerIdClaimer(ClaimStore store, SlotCatalog catalog, SlotInspector inspector, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.inspector = inspector;
        this.clock = clock;
    }

    @Override
    public ClaimResult claim(InstanceIdentity me, int brokerCount) {
        // A store that lines claimers up settles a claim in a constant number of requests; the walk below stays
        // for the other stores and for what the line cannot settle (no candidate left: rule 5 names every slot).
        if (store instanceof ClaimQueue queue) {
            Optional<ClaimResult> inLine = new QueuedIdClaimer(store, queue, inspector, clock).claim(me, catalog.slots(brokerCount));
            if (inLine.isPresent()) {
                return inLine.get();
            }
        }
        SortedMap<Integer, Claim> claims = new TreeMap<>(store.readAll());

        // Rule 1: a re-run or a reboot keeps the id it already holds.
        Optional<Claim> own = claims.values().stream().filter(c -> c.isOwnedBy(me.instanceId())).findFirst();
        if (own.isPresent()) {
            LOG.info("{} already holds broker id {}", me.instanceId(), own.get().brokerId());
            return new ClaimResult(own.get().brokerId(), false, own.get().data().map(ClaimData::eniId), Optional.empty());
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
                return new ClaimResult(id, true, eniId(slot, me), Optional.empty());
            }
            Optional<Claim> winner = store.read(id);
            if (winner.isPresent() && winner.get().isOwnedBy(me.instanceId())) {
                // Our own create reached the server before a connection loss; its retry saw NodeExists.
                return new ClaimResult(id, true, eniId(slot, me), Optional.empty());
            }
            winner.ifPresent(c -> claims.put(id, c));
            LOG.debug("broker id {} was taken by {} while we tried it", id, winner.map(Claim::ownerLabel).orElse("?"));
        }

        // Rule 4: take over the id of an owner that is gone, by compare-and-set on the version we judged.
        List<SlotStatus> statuses = new ArrayList<>(inspector.inspect(slots, claims, SlotInspector.Registrations.NONE));
        for (int i = 0; i < statuses.size(); i++) {
            SlotStatus status = statuses.get(i);
            if (!status.slot().isEligibleIn(me.availabilityZone()) || status.liveness() != Liveness.DEAD
                    || status.blocker().isPresent()) {
                continue;
            }
            status = inspector.withRegistration(status);
            statuses.set(i, status);
            if (!status.canBeTakenOver()) {
                continue;
            }
            Claim stale = status.claim().orElseThrow();
            int id = status.brokerId();
            if (store.replace(stale, newClaim(me, status.slot(), stale.ownerLabel()))) {
                LOG.info("{} took over broker id {} from {} ({})", me.instanceId(), id, stale.ownerLabel(),
                        status.verdict().reason());
                return new ClaimResult(id, true, eniId(status.slot(), me), Optional.of(stale.ownerLabel()));
            }
            Optional<Claim> now = store.read(id);
            if (now.isEmpty() && store.create(id, newClaim(me, status.slot(), null))) {
                LOG.info("{} claimed broker id {}, released while we took it over", me.instanceId(), id);
                return new ClaimResult(id, true, eniId(status.slot(), me), Optional.empty());
            }
            if (now.isPresent() && now.get().isOwnedBy(me.instanceId())) {
                return new ClaimResult(id, true, eniId(status.slot(), me), Optional.of(stale.ownerLabel()));
            }
            LOG.info("broker id {} changed while we took it over; another instance won it", id);
        }

        // Rule 5: no guessing, no random sleep; tell the operator what every slot looks like.
        throw new NoFreeBrokerIdException("no free broker id for " + me.instanceId() + " in " + me.availabilityZone()
                + " (broker-count " + brokerCount + "); slots: "
                + statuses.stream().map(s -> s.liveness() == Liveness.DEAD ? inspector.withRegistration(s) : s)
                        .map(SlotStatus::describe).collect(Collectors.joining("; "))
                + ". Terminate a stale instance, raise --broker-count with a new ENI and volume, or wait for a dying owner");
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
