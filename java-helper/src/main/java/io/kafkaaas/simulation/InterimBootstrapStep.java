package io.kafkaaas.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaaas.core.BrokerTags;
import io.kafkaaas.core.WaitTimeoutException;
import io.kafkaaas.localcloud.CloudEni;
import io.kafkaaas.localcloud.CloudVolume;
import io.kafkaaas.localcloud.Ec2Error;
import io.kafkaaas.localcloud.LocalCloud;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * TEMPORARY, until {@code kafka-aas bootstrap} lands (swap it in {@link Simulation#defaultBootstrap}).
 * Step 2 (claim) is the real thing: {@code kafka-aas claim-id} in its own process against the local cloud
 * and the embedded ZooKeeper. Steps 3 to 5 stand in for attach-eni, attach-volume and render: they attach
 * the ENI and volume through the local cloud's Java API (waiting for a dying owner to release them, as the
 * real commands must), "mount" the volume by a symlink, and write a minimal server.properties.
 */
public final class InterimBootstrapStep implements BootstrapStep {
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(60);

    private final LocalCloud cloud;
    private final HelperCli cli;

    public InterimBootstrapStep(LocalCloud cloud, HelperCli cli) {
        this.cloud = cloud;
        this.cli = cli;
    }

    @Override
    public BootedBroker boot(SimulatedHost host) throws Exception {
        JsonNode claim = cli.run(host, List.of("claim-id", "--zookeeper", host.zookeeper(), "--cluster", host.cluster(),
                "--broker-count", String.valueOf(host.brokerCount()), "--tag-prefix", host.tagPrefix()));
        int brokerId = claim.get("brokerId").asInt();
        String name = BrokerTags.nameFor(host.tagPrefix(), brokerId);

        CloudEni eni = cloud.networkInterfaces().stream()
                .filter(e -> name.equals(e.name()) && e.availabilityZone().equals(host.availabilityZone()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no ENI " + name + " in " + host.availabilityZone()));
        if (!eni.attachment().map(a -> a.instanceId().equals(host.instanceId())).orElse(false)) {
            attachWhenFree("ENI " + name + " (" + eni.id() + ")",
                    () -> eni.attachment().map(a -> a.instanceId() + " (" + a.status() + ")").orElse(null),
                    () -> cloud.attachNetworkInterface(eni.id(), host.instanceId(), 1));
        }
        awaitState("ENI " + eni.id(), () -> eni.attachment().map(a -> a.status().equals("attached")).orElse(false));

        CloudVolume volume = cloud.volumes().stream()
                .filter(v -> name.equals(v.name()) && v.availabilityZone().equals(host.availabilityZone()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no volume " + name + " in " + host.availabilityZone()));
        if (!volume.attachment().map(a -> a.instanceId().equals(host.instanceId())).orElse(false)) {
            attachWhenFree("volume " + name + " (" + volume.id() + ")",
                    () -> volume.attachment().map(a -> a.instanceId() + " (" + a.status() + ")").orElse(null),
                    () -> cloud.attachVolume(volume.id(), host.instanceId(), "/dev/xvdf"));
        }
        awaitState("volume " + volume.id(), () -> volume.attachment().map(a -> a.status().equals("attached")).orElse(false));

        Files.createDirectories(host.mountPoint().getParent());
        if (!Files.exists(host.mountPoint(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(host.mountPoint(), volume.directory());
        }
        Path properties = render(host, brokerId, eni.privateIp());
        return new BootedBroker(brokerId, eni.id(), eni.privateIp(), volume.id(), properties);
    }

    /** Attach once the previous owner let go; a resource still held after the timeout is exit 4, as in attach-eni. */
    private static void attachWhenFree(String what, Supplier<String> holder, Runnable attach) throws InterruptedException {
        long deadline = System.nanoTime() + ATTACH_TIMEOUT.toNanos();
        while (true) {
            try {
                attach.run();
                return;
            } catch (Ec2Error e) {
                if (!e.code().equals("InvalidNetworkInterface.InUse") && !e.code().equals("VolumeInUse")
                        && !e.code().equals("IncorrectState")) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    throw new WaitTimeoutException(what + " is still attached to " + holder.get() + "; waited "
                            + ATTACH_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(200);
            }
        }
    }

    private static void awaitState(String what, Supplier<Boolean> done) throws InterruptedException {
        long deadline = System.nanoTime() + ATTACH_TIMEOUT.toNanos();
        while (!done.get()) {
            if (System.nanoTime() > deadline) {
                throw new WaitTimeoutException(what + " did not become attached within " + ATTACH_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /** A stand-in for render's server.properties (ZooKeeper mode), tuned for a small cluster on one machine. */
    static Path render(SimulatedHost host, int brokerId, String ip) throws IOException {
        int replication = Math.min(3, host.brokerCount());
        String text = String.join("\n",
                "# Rendered for " + host.instanceId() + " in " + host.availabilityZone() + " (interim render of kafka-aas simulate)",
                "broker.id=" + brokerId,
                "listeners=PLAINTEXT://" + ip + ":" + host.kafkaPort(),
                "advertised.listeners=PLAINTEXT://" + ip + ":" + host.kafkaPort(),
                "log.dirs=" + host.mountPoint().resolve("kafka-logs"),
                "broker.rack=" + host.availabilityZone(),
                "zookeeper.connect=" + host.zookeeper(),
                "zookeeper.session.timeout.ms=6000",
                "offsets.topic.replication.factor=" + replication,
                "transaction.state.log.replication.factor=" + replication,
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "num.partitions=1",
                "num.network.threads=2",
                "num.io.threads=2",
                "num.replica.fetchers=1",
                "log.segment.bytes=16777216",
                // The last broker of a stopping simulation has nobody to hand leadership to; don't wait 3 x 5 s for that.
                "controlled.shutdown.retry.backoff.ms=1000",
                "") ;
        Files.createDirectories(host.configDir());
        Path target = host.configDir().resolve("server.properties");
        Path tmp = Files.createTempFile(host.configDir(), "server.properties", ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
