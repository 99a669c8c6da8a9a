package io.kafkaaas.retire;

import io.kafkaaas.core.Change;

import java.util.List;

/**
 * What retire-id (or --restore) found and did. {@code renamed} are the resources whose Name tag this run rewrote;
 * {@code eniIds} and {@code volumeIds} are all of the id's resources: after a retire, what the operator may delete.
 */
public record RetireResult(int brokerId, boolean retired, String name, List<String> renamed, boolean claimReleased,
                           List<String> eniIds, List<String> volumeIds) implements Change {
    public RetireResult {
        renamed = List.copyOf(renamed);
        eniIds = List.copyOf(eniIds);
        volumeIds = List.copyOf(volumeIds);
    }

    @Override
    public boolean changed() {
        return !renamed.isEmpty() || claimReleased;
    }
}
