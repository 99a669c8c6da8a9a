package io.kafkaaas.claim;

import java.time.Duration;

/**
 * Port, next to {@link ClaimStore}: a store that keeps an owner index and lets claimers line up, so that each
 * claimer takes a different id from one look instead of walking from id 0 and losing a create to every earlier
 * winner. The writes keep the store's meaning: a claim is created only when absent and replaced only at the
 * version that was judged; the index entries and the ticket change in the same atomic write.
 */
public interface ClaimQueue {
    /** One request: the claims, the owner index and the line. */
    ClaimBoard board();

    /** Waits, at most {@code patience}, for the board to change from {@code seen}; returns the board then. */
    ClaimBoard awaitChange(ClaimBoard seen, Duration patience);

    /** Joins the line; the ticket leaves it when its session ends, so a crashed claimer blocks nobody. */
    String join(String instanceId, String availabilityZone);

    /** Leaves the line without claiming. Leaving twice is harmless. */
    void leave(String ticket);

    /**
     * Creates the claim, indexes it, drops the id's stale index entries seen on the board and leaves the line,
     * all or nothing. @return false when the claim already exists.
     */
    boolean createInLine(int brokerId, ClaimData data, String ticket, ClaimBoard seen);

    /** Compare-and-set on {@code expected.version()}, with the same index upkeep. @return false when the claim changed. */
    boolean replaceInLine(Claim expected, ClaimData data, String ticket, ClaimBoard seen);

    /** Makes the index name the claim's owner, provided the claim is still at the version read. Best effort. */
    void reindex(Claim claim, ClaimBoard seen);
}
