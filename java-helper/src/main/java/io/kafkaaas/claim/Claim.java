package io.kafkaaas.claim;

import java.time.Instant;
import java.util.Optional;

/**
 * A claim as read from the store. {@code version} is the store's data version, used for compare-and-set;
 * {@code modifiedAt} is the store's own timestamp of the last write. Data that cannot be parsed is kept
 * as an unreadable claim: we never take over what we cannot read.
 */
public record Claim(int brokerId, Optional<ClaimData> data, int version, Instant modifiedAt) {

    public static Claim of(int brokerId, ClaimData data, int version, Instant modifiedAt) {
        return new Claim(brokerId, Optional.of(data), version, modifiedAt);
    }

    public static Claim unreadable(int brokerId, int version, Instant modifiedAt) {
        return new Claim(brokerId, Optional.empty(), version, modifiedAt);
    }

    public boolean isOwnedBy(String instanceId) {
        return data.map(d -> d.instanceId().equals(instanceId)).orElse(false);
    }

    /** The owning instance id, or "(unreadable)" for data we could not parse. */
    public String ownerLabel() {
        return data.map(ClaimData::instanceId).orElse("(unreadable)");
    }
}
