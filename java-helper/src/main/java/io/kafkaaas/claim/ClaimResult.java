package io.kafkaaas.claim;

import io.kafkaaas.core.Change;

import java.util.Optional;

/** The outcome of claim-id. takenOverFrom names the dead owner whose id we inherited, if any. */
public record ClaimResult(int brokerId, boolean changed, Optional<String> eniId, Optional<String> takenOverFrom)
        implements Change {
}
