package io.kafkaaas.health;

import java.util.List;
import java.util.Set;

/**
 * What the cluster says about its brokers and partitions, read fresh on every call. Adapters answer from the
 * cluster's own metadata (in ZooKeeper mode that metadata is /brokers/ids and the partition state znodes; in
 * KRaft mode it is the metadata log), never from a cache of an earlier call. A cluster that cannot be reached
 * is a {@link io.kafkaaas.core.DependencyUnreachableException}, never an empty answer: an empty cluster and an
 * unreachable one must not look alike.
 */
public interface ClusterView {
    /** The ids of the brokers registered (alive) right now. */
    Set<Integer> registeredBrokers();

    /** Every partition of every topic, internal topics included, with its replicas and its in-sync replicas. */
    List<PartitionReplicas> partitions();

    /** Where this view reads from, for messages: "Kafka at 10.0.1.11:9092". */
    String describe();
}
