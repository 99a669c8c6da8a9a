package io.kafkaaas.simulation;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 2 of the boot flow for a simulated instance, as production runs it: {@code kafka-aas bootstrap} in its own process, against
 * the local cloud (EC2 and this instance's IMDS) and, in ZooKeeper mode, the embedded ZooKeeper. What differs from EC2 is only
 * what a laptop lacks: volumes are directories (--local-volumes), the ENI IP is a loopback address that needs
 * no policy routing (--network-style none), and there is no kernel interface to find (--interface-timeout 0).
 */
final class CliBootstrapStep {
    /** Broker settings for a small cluster sharing one machine; the operator's --set route, as in production. */
    private static final List<String> SETTINGS = List.of(
            "group.initial.rebalance.delay.ms=0",
            "num.network.threads=2",
            "num.io.threads=2",
            "num.replica.fetchers=1",
            "log.segment.bytes=16777216",
            // The cleaner's dedupe buffer is allocated (and zeroed) at start: 128 MiB by default, a second of a
            // 256 MiB broker's start on a loaded machine; the simulation compacts only __consumer_offsets.
            "log.cleaner.dedupe.buffer.size=16777216");

    /** Kafka 3.9 in ZooKeeper mode. */
    private static final List<String> ZOOKEEPER_SETTINGS = List.of(
            // Kafka's default: a shorter session expires on a loaded machine and the controller never settles.
            "zookeeper.session.timeout.ms=18000",
            // The last broker of a stopping simulation has nobody to hand leadership to; don't wait 3 x 5 s for that.
            "controlled.shutdown.retry.backoff.ms=1000");

    /**
     * Kafka 4.x combined nodes. On a loaded 2-core machine the defaults (9 s broker session, 1 s election timeout, 2 s
     * fetch timeout, elections retried within 1 s) fence brokers and split votes again and again, which a real instance
     * would not see; more slack lets the first election settle.
     */
    private static final List<String> KRAFT_SETTINGS = List.of(
            "broker.session.timeout.ms=18000",
            "controller.quorum.election.timeout.ms=2000",
            "controller.quorum.election.backoff.max.ms=4000",
            "controller.quorum.fetch.timeout.ms=4000");

    /** Small enough for several brokers on one machine; rendered into the environment file, as --heap-size does on the AMI. */
    static final String HEAP = "256m";

    private CliBootstrapStep() {
    }

    /**
     * The arguments of {@code kafka-aas bootstrap} for this instance. A cluster id fault, when given, replaces the cluster's
     * own: it is checked against every log directory's meta.properties (the fault the --fail-first-boot scenario injects).
     */
    static List<String> arguments(SimulatedHost host, Path volumes, int jmxPort, java.util.Optional<String> clusterIdFault,
                                  boolean kraft) {
        Path root = host.root().toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("bootstrap", "--cluster", host.cluster(),
                "--broker-count", String.valueOf(host.brokerCount()), "--tag-prefix", host.tagPrefix(),
                "--mount-point", host.mountPoint().toAbsolutePath().toString(),
                "--fstab", root.resolve("etc/fstab").toString(),
                "--local-volumes", volumes.toAbsolutePath().toString(), "--root", root.toString(),
                "--network-style", "none", "--interface-timeout", "0", "--timeout", "120",
                "--listener-port", String.valueOf(host.kafkaPort()), "--kafka-user", "root", "--kafka-group", "root",
                "--heap-size", HEAP, "--jmx-port", String.valueOf(jmxPort), "--jmx-host", "127.0.0.1"));
        List<String> cluster = new ArrayList<>(host.clusterOptions());
        clusterIdFault.ifPresent(fault -> {
            int at = cluster.indexOf("--cluster-id");
            if (at >= 0) {
                cluster.set(at + 1, fault);
            } else {
                cluster.addAll(List.of("--cluster-id", fault));
            }
        });
        args.addAll(cluster);
        SETTINGS.forEach(s -> args.addAll(List.of("--set", s)));
        (kraft ? KRAFT_SETTINGS : ZOOKEEPER_SETTINGS).forEach(s -> args.addAll(List.of("--set", s)));
        args.addAll(host.awsOptions());
        // A claim that would be exit 3 asks the group whether an owner is leaving: the local cloud's, not AWS's.
        args.addAll(List.of("--autoscaling-endpoint", host.ec2Endpoint().toString()));
        return args;
    }

    /** What bootstrap's JSON says this instance now is. */
    static BootedBroker booted(SimulatedHost host, JsonNode result) {
        return new BootedBroker(result.get("brokerId").asInt(), result.get("eniId").asText(), result.get("privateIp").asText(),
                result.get("volumeId").asText(), host.configDir().toAbsolutePath().resolve("server.properties"));
    }
}
