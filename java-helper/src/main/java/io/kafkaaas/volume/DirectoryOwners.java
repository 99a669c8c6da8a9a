package io.kafkaaas.volume;

import java.nio.file.Path;

/**
 * Port: who owns the broker's log directories. DESIGN.md: "the log directories belong to the Kafka service user",
 * so a first boot of a fresh volume leaves Kafka able to write there without anything else chowning.
 */
public interface DirectoryOwners {
    /**
     * Checks that the user and group exist on this machine; run before the first side effect.
     *
     * @throws io.kafkaaas.core.UsageException when either is unknown
     */
    void requireAccount(KafkaAccount account);

    /**
     * Creates dir (and missing parents) and makes it, and whatever is in it, belong to the account. Walks the
     * tree only when the directory itself has another owner, so a re-run costs one stat. Returns whether
     * anything changed.
     */
    boolean ensureOwned(Path dir, KafkaAccount account);
}
