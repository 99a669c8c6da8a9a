package io.kafkaaas.simulation;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Boots a simulated instance the way production does: {@code kafka-aas bootstrap} in its own process, against
 * the local cloud (EC2 and this instance's IMDS) and the embedded ZooKeeper. What differs from EC2 is only
 * what a laptop lacks: volumes are directories (--local-volumes), the ENI IP is a loopback address that needs
 * no policy routing (--network-style none), and there is no kernel interface to find (--interface-timeout 0).
 */
final class CliBootstrapStep implements BootstrapStep {
    /** Broker settings for a small cluster sharing one machine; the operator's --set route, as in production. */
    private static final List<String> SETTINGS = List.of(
            // Kafka's default: a shorter session expires on a loaded machine and the controller never settles.
            "zookeeper.session.timeout.ms=18000",
            "group.initial.rebalance.delay.ms=0",
            "num.network.threads=2",
            "num.io.threads=2",
            "num.replica.fetchers=1",
            "log.segment.bytes=16777216",
            // The last broker of a stopping simulation has nobody to hand leadership to; don't wait 3 x 5 s for that.
            "controlled.shutdown.retry.backoff.ms=1000");

    private final HelperCli cli;
    private final Path volumes;

    CliBootstrapStep(HelperCli cli, Path volumes) {
        this.cli = cli;
        this.volumes = volumes.toAbsolutePath();
    }

    @Override
    public BootedBroker boot(SimulatedHost host) throws Exception {
        Path root = host.root().toAbsolutePath();
        Files.createDirectories(root.resolve("etc"));
        List<String> args = new ArrayList<>(List.of("bootstrap",
                "--zookeeper", host.zookeeper(), "--cluster", host.cluster(),
                "--broker-count", String.valueOf(host.brokerCount()), "--tag-prefix", host.tagPrefix(),
                "--mount-point", host.mountPoint().toAbsolutePath().toString(),
                "--fstab", root.resolve("etc/fstab").toString(),
                "--local-volumes", volumes.toString(), "--root", root.toString(),
                "--network-style", "none", "--interface-timeout", "0", "--timeout", "120",
                "--listener-port", String.valueOf(host.kafkaPort()), "--kafka-user", "root", "--kafka-group", "root", "--jmx-port", "0"));
        SETTINGS.forEach(s -> args.addAll(List.of("--set", s)));
        JsonNode result = cli.run(host, args);
        return new BootedBroker(result.get("brokerId").asInt(), result.get("eniId").asText(), result.get("privateIp").asText(),
                result.get("volumeId").asText(), host.configDir().toAbsolutePath().resolve("server.properties"));
    }
}
