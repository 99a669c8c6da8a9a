package io.kafkaaas.cli;

import io.kafkaaas.render.KafkaMode;
import picocli.CommandLine.Option;

import java.util.Optional;

/** --claim-store, on every command that claims, releases or shows broker ids. */
public final class ClaimStoreOptions {
    @Option(names = "--claim-store", paramLabel = "zookeeper|eni",
            description = "Where broker-id claims live: zookeeper (a znode per id; needs --zookeeper) or eni (attaching the"
                    + " ENI tagged <prefix><id> is the claim; no ZooKeeper). Default: eni with --kafka-mode kraft, else zookeeper.")
    ClaimStoreKind claimStore;

    ClaimStoreKind kind(KafkaMode mode) {
        return given().orElse(ClaimStoreKind.defaultFor(mode));
    }

    Optional<ClaimStoreKind> given() {
        return Optional.ofNullable(claimStore);
    }
}
