package io.kafkaaas.render;

/** How the cluster keeps its metadata: ZooKeeper (Confluent Platform 7.x, Kafka 3.x) or KRaft (8.x, Kafka 4.x). */
public enum KafkaMode {
    zookeeper,
    kraft
}
