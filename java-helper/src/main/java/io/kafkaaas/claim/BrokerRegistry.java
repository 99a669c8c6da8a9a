package io.kafkaaas.claim;

/** Port: whether a live Kafka broker is registered under an id (ZooKeeper mode's /brokers/ids/&lt;id&gt;). */
public interface BrokerRegistry {
    boolean isRegistered(int brokerId);

    /** KRaft clusters keep no registrations in ZooKeeper. */
    BrokerRegistry NONE = brokerId -> false;
}
