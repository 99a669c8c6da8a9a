package io.kafkaaas.simulation;

import io.kafkaaas.localcloud.CloudTimings;
import io.kafkaaas.render.KafkaMode;

import java.nio.file.Path;
import java.util.List;

/** Everything simulate needs, validated by the command before anything starts. */
public record SimulationSettings(
        int brokers,
        int replacements,
        Path workdir,
        boolean deleteWorkdirAtEnd,
        long records,
        int recordSize,
        long recordsWhileDown,
        boolean freshVolume,
        boolean failFirstBoot,
        int replicationThrottleMiB,
        int kafkaPort,
        int zookeeperPort,
        int cloudPort,
        KafkaLibs kafkaLibs,
        List<String> zones,
        String cluster,
        String tagPrefix,
        CloudTimings timings,
        boolean tls,
        int extraInstances,
        KafkaMode kafkaMode,
        String clusterId) {

    public static final String TOPIC = "kafka-aas-simulation";

    /** With --tls, brokers talk to each other on their own listener (SASL_SSL with SCRAM), one port above the client's. */
    public int interBrokerPort() {
        return kafkaPort + 1;
    }

    public String region() {
        String zone = zones.get(0);
        return zone.substring(0, zone.length() - 1);
    }

    public int replicationFactor() {
        return Math.min(3, brokers);
    }

    public int minInsyncReplicas() {
        return Math.max(1, replicationFactor() - 1);
    }

    public int partitions() {
        return Math.max(3, 2 * brokers);
    }

    public boolean kraft() {
        return kafkaMode == KafkaMode.kraft;
    }

    /** KRaft: every node's controller listener, on its ENI address like the client listener. */
    public int controllerPort() {
        return kafkaPort + 1;
    }

    /**
     * KRaft: controller.quorum.voters from the static ENI addresses, as the stack derives it from the ENIs' fixed IPs:
     * every node is a voter (combined mode), known before any instance exists.
     */
    public String controllerVoters() {
        return java.util.stream.IntStream.range(0, brokers).mapToObj(id -> id + "@" + eniAddress(id) + ":" + controllerPort())
                .collect(java.util.stream.Collectors.joining(","));
    }

    /**
     * Whether the simulation starts a ZooKeeper: only in ZooKeeper mode. In KRaft mode claims are ENI attachments
     * (--claim-store eni, the default there) and Kafka keeps its metadata itself, so nothing needs one.
     */
    public boolean zookeeper() {
        return !kraft();
    }

    /** The loopback address broker i's ENI gets: host 10+i of the subnet of AZ (i mod n). */
    public String eniAddress(int brokerId) {
        return "127.0." + (brokerId % zones.size() + 1) + "." + (io.kafkaaas.localcloud.BrokerResources.FIRST_ENI_HOST + brokerId);
    }
}
