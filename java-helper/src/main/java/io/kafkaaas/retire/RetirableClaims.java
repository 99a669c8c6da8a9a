package io.kafkaaas.retire;

import io.kafkaaas.claim.Claim;
import io.kafkaaas.claim.ClaimStore;

import java.util.Optional;

/**
 * What retiring an id has to release in the claim store. The ZooKeeper store holds a claim znode, which retire-id
 * deletes (compare-and-delete, so a claim written meanwhile is never lost). In the ENI store the attachment itself is
 * the claim and termination ends it: there is nothing to release, and the retag is what keeps every claimer away.
 */
public interface RetirableClaims {
    /** The id's claim, if the store has one. */
    Optional<Claim> read(int brokerId);

    /** Deletes the claim read before; false when it changed or went away meanwhile. */
    boolean release(Claim claim);

    /** Where the store keeps the claim, for messages: "ZooKeeper", "the ENI attachment". */
    String describe();

    static RetirableClaims of(ClaimStore store, String where) {
        return new RetirableClaims() {
            @Override
            public Optional<Claim> read(int brokerId) {
                return store.read(brokerId);
            }

            @Override
            public boolean release(Claim claim) {
                return store.delete(claim);
            }

            @Override
            public String describe() {
                return where;
            }
        };
    }

    /** The ENI store: the ENI's attachment (checked with the ENI) is the claim; nothing else to release. */
    RetirableClaims ENI_ATTACHMENT = new RetirableClaims() {
        @Override
        public Optional<Claim> read(int brokerId) {
            return Optional.empty();
        }

        @Override
        public boolean release(Claim claim) {
            return false;
        }

        @Override
        public String describe() {
            return "the ENI attachment";
        }
    };
}
