package io.kafkaaas.network;

import io.kafkaaas.core.Change;

import java.util.List;

/** What apply-network did: one line per change it made, none when everything was already in place. */
public record NetworkResult(String interfaceName, String privateIp, long table, List<String> actions) implements Change {
    public NetworkResult {
        actions = List.copyOf(actions);
    }

    @Override
    public boolean changed() {
        return !actions.isEmpty();
    }
}
