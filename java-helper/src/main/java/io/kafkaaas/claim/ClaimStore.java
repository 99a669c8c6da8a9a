package io.kafkaaas.claim;

import java.util.Optional;
import java.util.SortedMap;

/**
 * Port: the claims of one cluster. Every write is conditional, so two instances can never both win the
 * same id: create fails when the claim exists, replace and delete fail when the version moved on.
 */
public interface ClaimStore {
    SortedMap<Integer, Claim> readAll();

    Optional<Claim> read(int brokerId);

    /** @return false when a claim for the id already exists. */
    boolean create(int brokerId, ClaimData data);

    /** Compare-and-set on {@code expected.version()}. @return false when the claim changed or was deleted. */
    boolean replace(Claim expected, ClaimData data);

    /** Compare-and-delete on {@code expected.version()}. @return false when the claim changed or was deleted. */
    boolean delete(Claim expected);
}
