package io.kafkaaas.simulation;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 2 of the boot flow for a simulated instance, as production runs it: {@code kafka-aas bootstrap} in its own process, against
 * the local cloud (EC2 and this instance's IMDS) and the embedded ZooKeeper. What differs from EC2 is only
 * what a laptop lacks: volumes are directories (--local-volumes), the ENI IP is a loopback address that needs
 * no policy routing (--network-style none), and there is no kernel interface to find (--interface-timeout 0).
 */
final class CliBootstrapStep {
    /** Broker settings for a small cluster sharing one machine; the operator's --set route, as in production. */
    private static final List<String> SETTINGS = List.of(
            // Kafka's default: a shorter session expires on a loaded machine and the controller never settles.
            "zookeeper.session.timeout.ms=18000",
            "group.initial.rebalance.delay.ms=0",
            "num.network.threads=2",
            "num.io.threads=2",
            "num.replica.fetchers=1",
            "log.segment.bytes=16777216",
            // The cleaner's dedupe buffer is allocated (and zeroed) at start: 128 MiB by default, a second of a
            // 256 MiB broker's start on a loaded machine; the simulation compacts only __consumer_offsets.
            "log.cleaner.dedupe.buffer.size=16777216",
            // The last broker of a stopping simulation has nobody to hand leadership to; don't wait 3 x 5 s for that.
            "controlled.shutdown.retry.backoff.ms=1000");

    /** Small enough for several brokers on one machine; rendered into the environment file, as --heap-size does on the AMI. */
    static final String HEAP = "256m";

    private CliBootstrapStep() {
    }

    /**
     * The arguments of {@code kafka-aas bootstrap} for this instance. A cluster id, when given, is checked against
     * every log directory's meta.properties (the fault the --fail-first-boot scenario injects).
     */
    static List<String> arguments(SimulatedHost host, Path volumes, int jmxPort, java.util.Optional<String> clusterId) {
        Path root = host.root().toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("bootstrap",
                "--zookeeper", host.zookeeper(), "--cluster", host.cluster(),
                "--broker-count", String.valueOf(host.brokerCount()), "--tag-prefix", host.tagPrefix(),
                "--mount-point", host.mountPoint().toAbsolutePath().toString(),
                "--fstab", root.resolve("etc/fstab").toString(),
                "--local-volumes", volumes.toAbsolutePath().toString(), "--root", root.toString(),
                "--network-style", "none", "--interface-timeout", "0", "--timeout", "120",
                "--listener-port", String.valueOf(host.kafkaPort()), "--kafka-user", "root", "--kafka-group", "root",
                "--heap-size", HEAP, "--jmx-port", String.valueOf(jmxPort), "--jmx-host", "127.0.0.1"));
        clusterId.ifPresent(id -> args.addAll(List.of("--cluster-id", id)));
        SETTINGS.forEach(s -> args.addAll(List.of("--set", s)));
        args.addAll(host.awsOptions());
        return args;
    }

    /** What bootstrap's JSON says this instance now is. */
    static BootedBroker booted(SimulatedHost host, JsonNode result) {
        return new BootedBroker(result.get("brokerId").asInt(), result.get("eniId").asText(), result.get("privateIp").asText(),
                result.get("volumeId").asText(), host.configDir().toAbsolutePath().resolve("server.properties"));
    }
}
