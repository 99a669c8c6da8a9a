package io.kafkaaas.claim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One consistent look at a cluster's claims, as a {@link ClaimQueue} gives it in one request: which ids are
 * claimed, whom the owner index names for each id, and which claimers wait in line. The index is a hint
 * that makes the look cheap; the claims themselves stay the truth, so every decision is still settled by a
 * conditional write on the claim.
 */
public record ClaimBoard(SortedSet<Integer> claimed, SortedMap<Integer, List<String>> indexed, List<Waiting> line,
                         long version) {

    /** A claimer in line; {@code sequence} orders the line. */
    public record Waiting(String ticket, String availabilityZone, String instanceId, long sequence) {
    }

    public ClaimBoard {
        claimed = Collections.unmodifiableSortedSet(claimed);
        indexed = Collections.unmodifiableSortedMap(indexed);
        line = line.stream().sorted(Comparator.comparingLong(Waiting::sequence)).toList();
    }

    public boolean isClaimed(int brokerId) {
        return claimed.contains(brokerId);
    }

    /** The ids whose index entry names this instance (normally none or one). */
    public List<Integer> indexedFor(String instanceId) {
        List<Integer> ids = new ArrayList<>();
        indexed.forEach((id, owners) -> {
            if (owners.contains(instanceId)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The owner the index names for a claimed id, when it names exactly one. */
    public Optional<String> indexedOwner(int brokerId) {
        List<String> owners = indexed.getOrDefault(brokerId, List.of());
        return isClaimed(brokerId) && owners.size() == 1 ? Optional.of(owners.get(0)) : Optional.empty();
    }

    /** Entries the index holds for an id, right or stale. */
    public List<String> entries(int brokerId) {
        return indexed.getOrDefault(brokerId, List.of());
    }

    /** Claimed ids the index does not name an owner for: written before the index existed, or by an older kafka-aas. */
    public List<Integer> unindexed() {
        return claimed.stream().filter(id -> indexed.getOrDefault(id, List.of()).size() != 1).toList();
    }

    public boolean isWaiting(String ticket) {
        return line.stream().anyMatch(w -> w.ticket().equals(ticket));
    }

    /** How many claimers of the same AZ are ahead of this ticket in line; empty when it is not in line. */
    public OptionalInt rank(String ticket) {
        Optional<Waiting> me = line.stream().filter(w -> w.ticket().equals(ticket)).findFirst();
        if (me.isEmpty()) {
            return OptionalInt.empty();
        }
        int ahead = 0;
        for (Waiting w : line) {
            if (w.ticket().equals(ticket)) {
                return OptionalInt.of(ahead);
            }
            if (w.availabilityZone().equals(me.get().availabilityZone())) {
                ahead++;
            }
        }
        return OptionalInt.of(ahead);
    }

    /** The instance ids the index names, for one DescribeInstances call. */
    public Set<String> indexedOwners() {
        return indexed.values().stream().flatMap(List::stream).collect(Collectors.toCollection(TreeSet::new));
    }
}
