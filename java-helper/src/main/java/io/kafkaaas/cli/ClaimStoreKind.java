package io.kafkaaas.cli;

import io.kafkaaas.render.KafkaMode;

/** Where broker-id claims live: a znode per id in ZooKeeper, or the ENI attachment itself (no ZooKeeper at all). */
enum ClaimStoreKind {
    zookeeper,
    eni;

    /** KRaft clusters have no ZooKeeper, so their claims are the ENI attachments unless told otherwise. */
    static ClaimStoreKind defaultFor(KafkaMode mode) {
        return mode == KafkaMode.kraft ? eni : zookeeper;
    }
}
