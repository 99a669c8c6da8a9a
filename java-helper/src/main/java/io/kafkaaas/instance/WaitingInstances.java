package io.kafkaaas.instance;

import java.util.List;

/**
 * Port: instances that booted but found no free broker id (exit 3) and stay in service as standbys, without
 * Kafka. They are marked with instance tags, so that an operator sees them in the console and in {@code status}.
 */
public interface WaitingInstances {
    /** One key, the cluster as its value: the instance role may set this key only, and on no other resource. */
    String WAITING_TAG = "kafka-aas:waiting-for-id";

    /** Tags the instance {@value #WAITING_TAG}=cluster; repeating it changes nothing. */
    void markWaiting(String instanceId, String cluster);

    /** The pending or running instances of the cluster marked waiting, oldest launch first. */
    List<WaitingInstance> waiting(String cluster);
}
