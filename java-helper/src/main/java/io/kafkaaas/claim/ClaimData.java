package io.kafkaaas.claim;

import java.time.Instant;
import java.util.Objects;

/**
 * What a claim znode holds. eniId and takenOverFrom are informative (null when not known): they let an
 * operator reading ZooKeeper see which ENI the slot maps to and whose id was taken over.
 */
public record ClaimData(
        String instanceId,
        String availabilityZone,
        Instant claimedAt,
        String eniId,
        String takenOverFrom) {

    public ClaimData {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(availabilityZone, "availabilityZone");
        Objects.requireNonNull(claimedAt, "claimedAt");
    }
}
