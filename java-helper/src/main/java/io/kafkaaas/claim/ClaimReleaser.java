package io.kafkaaas.claim;

import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Rule 6: an instance that is going away deletes its own claim, with a version check so that a claim
 * another instance took over in the meantime is never deleted.
 */
public final class ClaimReleaser {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimReleaser.class);

    private final ClaimStore store;

    public ClaimReleaser(ClaimStore store) {
        this.store = store;
    }

    public ReleaseResult release(String instanceId) {
        List<Integer> released = new ArrayList<>();
        for (Claim claim : store.readAll().values()) {
            if (!claim.isOwnedBy(instanceId)) {
                continue;
            }
            if (store.delete(claim)) {
                LOG.info("{} released broker id {}", instanceId, claim.brokerId());
                released.add(claim.brokerId());
            } else if (store.read(claim.brokerId()).map(c -> c.isOwnedBy(instanceId)).orElse(false)) {
                throw new KafkaAasException(ExitCode.INTERNAL, "claim for broker id " + claim.brokerId()
                        + " changed under " + instanceId + " while releasing it; run release-id again");
            } else {
                LOG.info("broker id {} was already taken over or released; nothing to release", claim.brokerId());
            }
        }
        if (released.isEmpty()) {
            LOG.info("{} holds no claim; nothing to release", instanceId);
        }
        return new ReleaseResult(List.copyOf(released));
    }
}
