package io.kafkaaas.claim;

import io.kafkaaas.core.Change;

import java.util.List;

/** The ids release-id deleted (none when this instance held no claim). */
public record ReleaseResult(List<Integer> releasedIds) implements Change {
    @Override
    public boolean changed() {
        return !releasedIds.isEmpty();
    }
}
