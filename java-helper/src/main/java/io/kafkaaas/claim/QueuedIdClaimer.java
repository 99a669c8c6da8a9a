package io.kafkaaas.claim;

import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.InstanceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rules 1 to 4 with a constant number of store requests per claim, for a store that lines claimers up. One look
 * at the board tells which ids are free, whose owner the index names, and how many claimers of this AZ are ahead
 * in line; the claimer with r claimers ahead takes the r-th candidate (free ids lowest first, then ids of dead
 * owners lowest first), so claimers that arrive together take different ids instead of all walking from id 0.
 * The rank only spreads the claimers out: every claim is still a create or a compare-and-set on the claim, so a
 * wrong rank costs a retry, never a shared id. When there is no candidate left this returns empty and the
 * caller walks every slot the old way, which settles rule 5 with a message that names every slot.
 */
final class QueuedIdClaimer {
    private static final Logger LOG = LoggerFactory.getLogger(QueuedIdClaimer.class);
    /** How long a claimer behind more claimers than candidates waits for the line to move before it walks. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ClaimStore store;
    private final ClaimQueue queue;
    private final SlotInspector inspector;
    private final Clock clock;

    QueuedIdClaimer(ClaimStore store, ClaimQueue queue, SlotInspector inspector, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.inspector = inspector;
        this.clock = clock;
    }

    /** @return empty when the line could not settle it: no eligible id, or no candidate left for us. */
    Optional<ClaimResult> claim(InstanceIdentity me, List<BrokerSlot> slots) {
        String az = me.availabilityZone();
        List<BrokerSlot> eligible = slots.stream().filter(s -> s.isEligibleIn(az)).toList();
        ClaimBoard first = queue.board();
        Optional<ClaimResult> own = ownClaim(first, me);
        if (own.isPresent()) {
            return own;
        }
        // Claims the index does not name (written before it existed, or by an older kafka-aas) are read once
        // and indexed, so that the next claimer's look is cheap again.
        Map<Integer, Claim> read = new HashMap<>();
        for (int id : first.unindexed()) {
            Optional<Claim> claim = store.read(id);
            if (claim.isPresent() && claim.get().isOwnedBy(me.instanceId())) {
                queue.reindex(claim.get(), first);
                LOG.info("{} already holds broker id {}", me.instanceId(), id);
                return Optional.of(new ClaimResult(id, false, claim.get().data().map(ClaimData::eniId), Optional.empty()));
            }
            claim.ifPresent(c -> {
                read.put(id, c);
                queue.reindex(c, first);
            });
        }

        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        String ticket = queue.join(me.instanceId(), az);
        boolean inLine = true;
        try {
            Set<Integer> passed = new HashSet<>();
            Instant giveUp = clock.instant().plus(PATIENCE);
            int attempts = 0;
            while (attempts < eligible.size() + 4) {
                ClaimBoard board = queue.board();
                OptionalInt rank = board.rank(ticket);
                if (rank.isEmpty()) {
                    // Our session ended and took the ticket with it: line up again.
                    ticket = queue.join(me.instanceId(), az);
                    attempts++;
                    continue;
                }
                List<BrokerSlot> candidates = candidates(board, eligible, read, passed, rank.getAsInt());
                if (candidates.isEmpty()) {
                    break;
                }
                if (rank.getAsInt() >= candidates.size()) {
                    // More claimers ahead than candidates: wait for one of them to finish or give up.
                    Duration left = Duration.between(clock.instant(), giveUp);
                    if (left.isNegative() || left.isZero()) {
                        break;
                    }
                    LOG.debug("{} has {} claimers ahead for {} candidates; waiting", me.instanceId(), rank.getAsInt(), candidates.size());
                    queue.awaitChange(board, left);
                    continue;
                }
                BrokerSlot slot = candidates.get(rank.getAsInt());
                attempts++;
                Optional<ClaimResult> won = board.isClaimed(slot.brokerId())
                        ? takeOver(me, slot, ticket, board, read, passed)
                        : createFree(me, slot, ticket, board);
                if (won.isPresent()) {
                    inLine = false;
                    return won;
                }
            }
        } finally {
            if (inLine) {
                queue.leave(ticket);
            }
        }
        return Optional.empty();
    }

    /** Rule 1 through the index; the claim itself confirms, since an entry can be stale. */
    private Optional<ClaimResult> ownClaim(ClaimBoard board, InstanceIdentity me) {
        for (int id : board.indexedFor(me.instanceId())) {
            Optional<Claim> claim = store.read(id);
            if (claim.isPresent() && claim.get().isOwnedBy(me.instanceId())) {
                LOG.info("{} already holds broker id {}", me.instanceId(), id);
                return Optional.of(new ClaimResult(id, false, claim.get().data().map(ClaimData::eniId), Optional.empty()));
            }
            LOG.info("the owner index names {} for broker id {} but the claim does not; correcting the index", me.instanceId(), id);
            claim.ifPresent(c -> queue.reindex(c, board));
        }
        return Optional.empty();
    }

    /**
     * Free eligible ids lowest first, then eligible ids whose owner EC2 reports gone (or does not know) and whose
     * ENI no live instance holds, lowest first. Every claimer of the AZ computes the same list from the same look.
     * EC2 is asked only when the free ids do not reach our rank, as the walk asked it only when no free id was left.
     */
    private List<BrokerSlot> candidates(ClaimBoard board, List<BrokerSlot> eligible, Map<Integer, Claim> read,
                                        Set<Integer> passed, int rank) {
        List<BrokerSlot> candidates = new ArrayList<>(eligible.stream().filter(s -> !board.isClaimed(s.brokerId())).toList());
        if (rank < candidates.size()) {
            return candidates;
        }
        Set<String> ids = new TreeSet<>(board.indexedOwners());
        read.values().forEach(c -> c.data().ifPresent(d -> ids.add(d.instanceId())));
        eligible.forEach(s -> s.interfaces().forEach(n -> n.attachedInstance().ifPresent(ids::add)));
        Map<String, InstanceState> states = inspector.states(ids);
        for (BrokerSlot slot : eligible) {
            int id = slot.brokerId();
            if (!board.isClaimed(id) || passed.contains(id)) {
                continue;
            }
            Optional<String> owner = board.indexedOwner(id)
                    .or(() -> Optional.ofNullable(read.get(id)).flatMap(Claim::data).map(ClaimData::instanceId));
            if (owner.isEmpty() && read.containsKey(id)) {
                continue; // unreadable: never taken over
            }
            InstanceState state = owner.map(o -> states.getOrDefault(o, InstanceState.UNKNOWN)).orElse(InstanceState.UNKNOWN);
            boolean maybeDead = state.isGone() || state == InstanceState.UNKNOWN;
            if (maybeDead && SlotInspector.eniBlocker(slot, states).isEmpty()) {
                candidates.add(slot);
            }
        }
        return candidates;
    }

    private Optional<ClaimResult> createFree(InstanceIdentity me, BrokerSlot slot, String ticket, ClaimBoard board) {
        int id = slot.brokerId();
        if (queue.createInLine(id, newClaim(me, slot, null), ticket, board)) {
            LOG.info("{} claimed free broker id {}", me.instanceId(), id);
            return Optional.of(new ClaimResult(id, true, eniId(slot, me), Optional.empty()));
        }
        Optional<Claim> winner = store.read(id);
        if (winner.isPresent() && winner.get().isOwnedBy(me.instanceId())) {
            // Our multi reached the server before a connection loss; its retry saw NodeExists.
            return Optional.of(new ClaimResult(id, true, eniId(slot, me), Optional.empty()));
        }
        LOG.debug("broker id {} was taken by {} while we tried it", id, winner.map(Claim::ownerLabel).orElse("?"));
        return Optional.empty();
    }

    /** Rule 4, judged on the claim as read now and settled by compare-and-set on its version. */
    private Optional<ClaimResult> takeOver(InstanceIdentity me, BrokerSlot slot, String ticket, ClaimBoard board,
                                           Map<Integer, Claim> read, Set<Integer> passed) {
        int id = slot.brokerId();
        Optional<Claim> current = store.read(id);
        if (current.isEmpty()) {
            return Optional.empty(); // released since the look: the next look shows it free
        }
        Claim stale = current.get();
        if (stale.isOwnedBy(me.instanceId())) {
            return Optional.of(new ClaimResult(id, true, eniId(slot, me), Optional.empty()));
        }
        read.put(id, stale);
        if (!board.entries(id).equals(stale.data().map(d -> List.of(d.instanceId())).orElse(List.of()))) {
            queue.reindex(stale, board);
        }
        SlotStatus status = inspector.inspect(List.of(slot), Map.of(id, stale), SlotInspector.Registrations.DEAD_OWNERS).get(0);
        if (!status.canBeTakenOver()) {
            LOG.debug("broker id {} cannot be taken over: {}", id, status.describe());
            passed.add(id);
            return Optional.empty();
        }
        if (queue.replaceInLine(stale, newClaim(me, slot, stale.ownerLabel()), ticket, board)) {
            LOG.info("{} took over broker id {} from {} ({})", me.instanceId(), id, stale.ownerLabel(), status.verdict().reason());
            return Optional.of(new ClaimResult(id, true, eniId(slot, me), Optional.of(stale.ownerLabel())));
        }
        Optional<Claim> now = store.read(id);
        if (now.isPresent() && now.get().isOwnedBy(me.instanceId())) {
            return Optional.of(new ClaimResult(id, true, eniId(slot, me), Optional.of(stale.ownerLabel())));
        }
        LOG.info("broker id {} changed while we took it over; another instance won it", id);
        return Optional.empty();
    }

    private ClaimData newClaim(InstanceIdentity me, BrokerSlot slot, String takenOverFrom) {
        return new ClaimData(me.instanceId(), me.availabilityZone(), clock.instant(), eniId(slot, me).orElse(null), takenOverFrom);
    }

    private static Optional<String> eniId(BrokerSlot slot, InstanceIdentity me) {
        return slot.interfaceIn(me.availabilityZone()).map(n -> n.id());
    }
}
