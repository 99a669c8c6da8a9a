package io.kafkaaas.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.localcloud.BrokerResources;
import io.kafkaaas.localcloud.CloudInstance;
import io.kafkaaas.localcloud.CloudVolume;
import io.kafkaaas.localcloud.LocalAutoScaling;
import io.kafkaaas.localcloud.LocalCloud;
import io.kafkaaas.localcloud.LocalCloudServer;
import io.kafkaaas.zk.ZkConnectString;
import io.kafkaaas.zk.ZooKeeperConnector;
import org.apache.curator.framework.CuratorFramework;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The whole mechanism on one machine: an embedded ZooKeeper (ZooKeeper mode only), the local cloud with per-broker
 * ENIs and volumes, N instances launched by the simulated group and booted concurrently through the AMI's boot sequence
 * ({@link InstanceBoot}: bootstrap, Kafka from the rendered files, wait-healthy, signal), a real Kafka broker per
 * instance, data on a replicated topic, then instances terminated and replaced. Each replacement must come
 * back with the same broker id, ENI IP and volume, and the cluster must end with no under-replicated partition.
 * In KRaft mode there is no ZooKeeper at all: claims are ENI attachments, every node is a Kafka 4 controller and
 * broker, the voters are the ENIs' static addresses, and each replacement must also bring the metadata quorum back to
 * every voter caught up.
 */
public final class Simulation implements AutoCloseable {
    private static final Duration BROKER_STOP_GRACE = Duration.ofSeconds(30);
    /** Bounds for a broken run only: on a loaded machine a broker takes a minute or more to register. */
    private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration IN_SYNC_TIMEOUT = Duration.ofSeconds(300);

    private final SimulationSettings settings;
    private final Timeline timeline;
    private final ChildProcesses children = new ChildProcesses();
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private EmbeddedZooKeeper zookeeper;
    private LocalCloudServer server;
    private CuratorFramework curator;
    private InstanceBoot boot;
    private KafkaProbe probe;
    private final List<Boot> boots = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean firstReplacementFails;
    private BrokerArchive brokerArchive;

    /** One simulated instance and what runs on it. */
    private record Node(CloudInstance instance, SimulatedHost host, BootedBroker broker, BrokerProcess process, long bytesOnVolumeAtBoot,
                        long startedAtMillis, long healthyAtMillis) {
    }

    /**
     * One instance's boot as the report shows it: why it was launched, its steps, and what the group did after
     * its signal (InService, or Terminating when it signalled failure).
     */
    public record Boot(String instanceId, String availabilityZone, String purpose, boolean succeeded, List<BootStep> steps,
                       Optional<JsonNode> waitHealthy, String lifecycleState, String healthStatus, boolean standby) {
    }

    /**
     * An instance beyond the broker count, after its boot: bootstrap found no free id (exit 3) and signal --waiting kept
     * it in service. {@code listedWaiting} and {@code ownsSlot} are what {@code kafka-aas status} said about it.
     */
    public record Standby(String instanceId, String availabilityZone, int bootstrapExitCode, String lifecycleState,
                          String healthStatus, boolean listedWaiting, boolean ownsSlot, List<Integer> brokersAfter,
                          int underReplicatedAfter) {
        /** In service and healthy (so the group does not replace it), listed as waiting, holding no id, nothing disturbed. */
        public boolean harmless(int brokers) {
            return bootstrapExitCode == ExitCode.NO_FREE_ID.code() && lifecycleState.equals("InService")
                    && healthStatus.equals("HEALTHY") && listedWaiting && !ownsSlot && brokersAfter.size() == brokers
                    && underReplicatedAfter == 0;
        }
    }

    /** @param directoryId the log directory's directory.id from meta.properties; null when Kafka wrote none */
    public record Identity(String instanceId, String availabilityZone, String privateIp, String volumeId, String directoryId) {
    }

    /**
     * One step of a roll. {@code underReplicatedWhileDown} is what the cluster showed with the broker gone (its
     * partitions, expected), {@code underReplicatedAtEnd} after the replacement's wait-healthy: it must be 0 before the
     * roll touches the next broker.
     */
    public record Replacement(int brokerId, Identity before, Identity after, String volume, long bytesOnVolumeAtBoot,
                              long bytesFetchedFromPeers, double secondsToInSync, double secondsFromTerminateToInSync,
                              List<String> failedInstances, JsonNode waitHealthy, int underReplicatedWhileDown,
                              int underReplicatedAtEnd) {
        public boolean keptIdentity() {
            return before.privateIp().equals(after.privateIp())
                    && (volume.equals("fresh") || before.volumeId().equals(after.volumeId())
                        && java.util.Objects.equals(before.directoryId(), after.directoryId()))
                    && !before.instanceId().equals(after.instanceId());
        }
    }

    /**
     * @param zookeeper the embedded ZooKeeper, empty when none ran
     * @param quorum    KRaft: the metadata quorum at the end (leader, voters and their lag), as the probe's wait-quorum saw it
     */
    public record Report(Optional<String> zookeeper, String ec2Endpoint, List<Identity> brokers, long recordsProduced, long recordsInTopic,
                         List<Replacement> replacements, List<Boot> boots, List<Standby> standbys, int underReplicatedPartitions,
                         int offlinePartitions, double seconds, long recordsConsumed, Optional<JsonNode> quorum) {
    }

    public Simulation(SimulationSettings settings, Timeline timeline) {
        this.settings = settings;
        this.timeline = timeline;
        this.firstReplacementFails = settings.failFirstBoot();
    }

    /**
     * A cluster id no real cluster has (Kafka reserves the all-zero UUID): the first replacement's bootstrap gets it,
     * so the volume step finds another cluster id in meta.properties and refuses (exit 5) before anything starts.
     */
    static final String FOREIGN_CLUSTER_ID = "AAAAAAAAAAAAAAAAAAAAAA";
    /** An ASG keeps replacing; the simulation gives up after this many failed boots for one slot. */
    private static final int MAX_BOOTS_PER_SLOT = 3;

    public Report run() throws Exception {
        startInfrastructure();
        bootAll();
        String bootstrapServers = bootstrapServers();
        probe.createTopic(bootstrapServers, SimulationSettings.TOPIC, settings.partitions(), settings.replicationFactor(),
                settings.minInsyncReplicas());
        timeline.event("topic " + SimulationSettings.TOPIC + ": " + settings.partitions() + " partitions, replication factor "
                + settings.replicationFactor() + ", min.insync.replicas " + settings.minInsyncReplicas());
        if (settings.replicationThrottleMiB() > 0) {
            probe.throttle(bootstrapServers, SimulationSettings.TOPIC, settings.replicationThrottleMiB() * 1048576L);
            timeline.event("catch-up replication throttled to " + settings.replicationThrottleMiB() + " MiB/s per broker"
                    + " (in-sync replication is not throttled)");
        }
        long produced = produce(settings.records());
        buildBrokerArchive();
        List<Standby> standbys = launchExtraInstances();

        // A rolling replacement: one broker at a time, each step gated on the replacement's health (its boot's
        // wait-healthy) and on no under-replicated partition at the step's end; a failed gate stops the roll.
        List<Replacement> replacements = new ArrayList<>();
        for (int r = 0; r < settings.replacements(); r++) {
            int brokerId = r % settings.brokers();
            timeline.event("roll step " + (r + 1) + "/" + settings.replacements() + ": broker " + brokerId);
            Replacement step = replace(brokerId);
            replacements.add(step);
            produced = recordsSoFar;
            if (step.underReplicatedAtEnd() != 0) {
                throw new KafkaAasException(ExitCode.INTERNAL, "roll stopped after step " + (r + 1) + " (broker " + brokerId + "): "
                        + step.underReplicatedAtEnd() + " partition(s) still under-replicated after its wait-healthy; no further"
                        + " broker was touched");
            }
            timeline.event("roll step " + (r + 1) + " gate passed: broker " + brokerId + " healthy, 0 under-replicated partitions");
        }

        Optional<JsonNode> quorum = settings.kraft() ? Optional.of(awaitQuorum()) : Optional.empty();
        JsonNode end = probe.describe(bootstrapServers(), SimulationSettings.TOPIC);
        long consumed = -1;
        if (settings.tls()) {
            // Read everything back through the TLS listener: the data a client sees, not only the offsets.
            consumed = probe.consume(bootstrapServers(), SimulationSettings.TOPIC, end.path("records").asLong(), IN_SYNC_TIMEOUT)
                    .path("consumed").asLong();
            timeline.event("consumed " + consumed + " records over TLS");
        }
        int urp = end.path("underReplicatedPartitions").asInt(-1);
        timeline.event("under-replicated partitions: " + urp + "; offline partitions: " + end.path("offlinePartitions").asInt()
                + "; records in " + SimulationSettings.TOPIC + ": " + end.path("records").asLong());
        List<Identity> brokers = nodes.values().stream().sorted(Comparator.comparingInt(n -> n.broker().brokerId()))
                .map(Simulation::identity).toList();
        return new Report(Optional.ofNullable(zookeeper).map(EmbeddedZooKeeper::connectString), server.ec2Endpoint().toString(), brokers,
                produced, end.path("records").asLong(), replacements, List.copyOf(boots), standbys, urp, end.path("offlinePartitions").asInt(),
                timeline.seconds(), consumed, quorum);
    }

    private volatile long recordsSoFar;
    /** The work while a broker is down (records, a look at the cluster), beside the replacement's boot. */
    private final ExecutorService whileDownThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "simulation-while-down");
        t.setDaemon(true);
        return t;
    });

    /** Once the first broker has booted and served records: the archive the brokers started from now on map. */
    private void buildBrokerArchive() throws Exception {
        long start = System.nanoTime();
        Optional<String> failure = brokerArchive.build(settings.kafkaLibs().classpath(), Duration.ofMinutes(3));
        timeline.event(failure.map(f -> "no AppCDS archive for later brokers (" + f + "); they start without")
                .orElse(String.format("AppCDS archive of the first broker's classes dumped in %.1f s (%d MiB); later brokers"
                        + " and probes map it", (System.nanoTime() - start) / 1e9, archiveMiB())));
    }

    private long archiveMiB() {
        try {
            return Files.size(brokerArchive.path()) / 1048576;
        } catch (IOException e) {
            return 0;
        }
    }

    private long produce(long records) {
        if (records <= 0) {
            return recordsSoFar;
        }
        timeline.event("producing " + records + " records of " + settings.recordSize() + " B (acks=all)");
        JsonNode result = probe.produce(bootstrapServers(), SimulationSettings.TOPIC, records, settings.recordSize());
        recordsSoFar += records;
        timeline.event(String.format("produced %d records (%.1f MiB) in %.1f s", records,
                result.path("bytes").asLong() / 1048576.0, result.path("millis").asLong() / 1000.0));
        return recordsSoFar;
    }

    private void startInfrastructure() throws Exception {
        Path dir = settings.workdir();
        if (settings.zookeeper()) {
            zookeeper = EmbeddedZooKeeper.start(dir.resolve("zookeeper"), "127.0.0.1", settings.zookeeperPort());
            timeline.event("ZooKeeper up at " + zookeeper.connectString());
        }
        LocalCloud cloud = new LocalCloud(settings.region(), dir, settings.timings(), Clock.systemUTC());
        settings.zones().forEach(cloud::subnet);
        server = LocalCloudServer.start(cloud, "127.0.0.1", settings.cloudPort());
        List<BrokerResources.Slot> slots = BrokerResources.create(cloud, settings.tagPrefix(), settings.brokers(), settings.zones());
        timeline.event("local cloud up at " + server.ec2Endpoint() + " (" + settings.region() + ": "
                + String.join(", ", settings.zones()) + "); " + slots.stream()
                .map(s -> s.eni().name() + " " + s.eni().privateIp() + "/" + s.volume().id() + " in " + s.eni().availabilityZone())
                .collect(Collectors.joining(", ")));
        cloud.onShutdown(this::osShutdown);
        HelperCli cli = new HelperCli(children, dir.resolve("appcds"));
        brokerArchive = new BrokerArchive(dir.resolve("appcds"));
        if (!settings.kraft()) {
            curator = ZooKeeperConnector.connect(ZkConnectString.parse(zookeeper.connectString()), Duration.ofSeconds(30));
        }
        Optional<SimulatedTls> tls = Optional.empty(); // ZooKeeper mode only: SimulateCommand refuses --tls with KRaft
        if (settings.tls()) {
            tls = Optional.of(SimulatedTls.create(settings, cloud.secrets(), server.ec2Endpoint(), curator));
            timeline.event("TLS: a throw-away CA in " + dir.resolve("tls") + " signed a keystore for each broker id's ENI IP;"
                    + " keystores, truststore and passwords are in the local cloud's SSM under /kafka-aas/" + settings.cluster()
                    + "/; SCRAM-SHA-512 user " + SimulatedTls.SCRAM_USER + " created; clients use SSL on port " + settings.kafkaPort()
                    + ", brokers SASL_SSL on port " + settings.interBrokerPort());
        }
        boot = new InstanceBoot(cli, children, settings.kafkaLibs(), brokerArchive, cloud.volumesRoot(), timeline,
                volumeId -> directorySize(cloud.volume(volumeId).directory()), tls, settings.kraft());
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        probe = new KafkaProbe(children, settings.kafkaLibs(), brokerArchive, logs, tls.map(SimulatedTls::clientConfig));
        if (settings.kraft()) {
            timeline.event("KRaft: " + settings.brokers() + " combined nodes (controller and broker), Kafka from " + settings.kafkaLibs().dir()
                    + "; controller.quorum.voters " + settings.controllerVoters() + " (the ENIs' static addresses); cluster id "
                    + settings.clusterId() + "; claims: the ENI attachments (no ZooKeeper)");
        }
    }

    /** What bootstrap needs to know about the cluster beyond the instance: where claims live and, in KRaft mode, the quorum. */
    private List<String> clusterOptions() {
        List<String> options = new ArrayList<>();
        if (settings.zookeeper()) {
            options.addAll(List.of("--zookeeper", zookeeper.connectString()));
        }
        if (settings.kraft()) {
            options.addAll(List.of("--claim-store", "eni", "--kafka-mode", "kraft", "--controller-voters", settings.controllerVoters(),
                    "--controller-port", String.valueOf(settings.controllerPort()), "--cluster-id", settings.clusterId()));
        }
        return options;
    }

    /** KRaft: waits until the metadata quorum has a leader and every voter (every node) has caught up with it. */
    private JsonNode awaitQuorum() {
        List<Integer> voters = java.util.stream.IntStream.range(0, settings.brokers()).boxed().toList();
        JsonNode quorum = probe.waitQuorum(bootstrapServers(), voters, REGISTER_TIMEOUT);
        timeline.event("metadata quorum: leader " + quorum.path("leader").asInt() + " (epoch " + quorum.path("leaderEpoch").asInt()
                + "), voters " + quorum.path("voters") + ", all caught up");
        return quorum;
    }

    /** What a real instance's OS does between shutting-down and terminated: systemd stops Kafka. */
    private void osShutdown(CloudInstance instance) {
        Node node = nodes.get(instance.id());
        if (node == null) {
            return;
        }
        long start = System.nanoTime();
        boolean clean = node.process().stop(BROKER_STOP_GRACE);
        timeline.event(String.format("%s is shutting down: broker %d %s after %.1f s", instance.id(), node.broker().brokerId(),
                clean ? "stopped (controlled shutdown)" : "killed", (System.nanoTime() - start) / 1e9));
    }

    private void bootAll() throws Exception {
        timeline.event("the group launches " + settings.brokers() + " instances; each boots concurrently: bootstrap, start Kafka,"
                + " wait-healthy, signal");
        ExecutorService pool = Executors.newFixedThreadPool(settings.brokers());
        try {
            List<Future<Node>> futures = new ArrayList<>();
            for (int i = 0; i < settings.brokers(); i++) {
                String az = settings.zones().get(i % settings.zones().size());
                futures.add(pool.submit(() -> bootUntilHealthy(az, "initial", Optional.empty(), InstanceBoot.BeforeKafka.NOTHING)));
            }
            for (Future<Node> f : futures) {
                Node node = get(f);
                nodes.put(node.instance().id(), node);
            }
        } finally {
            pool.shutdownNow();
        }
        for (Node node : nodes.values()) {
            awaitRegistered(node);
        }
        if (settings.kraft()) {
            timeline.event("all " + settings.brokers() + " nodes registered in the cluster metadata (each one's wait-healthy)");
        } else {
            timeline.event("all " + settings.brokers() + " brokers registered in ZooKeeper: /brokers/ids "
                    + curator.getChildren().forPath("/brokers/ids").stream().sorted().toList());
        }
        // Registered is not yet usable: the controller places replicas only on brokers its metadata lists.
        List<Integer> ids = nodes.values().stream().map(n -> n.broker().brokerId()).sorted().toList();
        probe.awaitBrokers(bootstrapServers(), ids, REGISTER_TIMEOUT);
        timeline.event("every broker's metadata lists brokers " + ids);
    }

    private static <T> T get(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * What the ASG does for one slot: launch an instance and let it boot; when it signals failure (the group sets it
     * Unhealthy and terminates it), launch another, until one boots healthy.
     */
    private Node bootUntilHealthy(String az, String purpose, Optional<String> firstBootFault, InstanceBoot.BeforeKafka beforeKafka)
            throws Exception {
        Optional<String> fault = firstBootFault;
        List<String> failed = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            Optional<Node> node = launchAndBoot(az, failed.isEmpty() ? purpose : "replaces " + failed.get(failed.size() - 1), fault,
                    beforeKafka);
            if (node.isPresent()) {
                return node.get();
            }
            String instanceId = boots.get(boots.size() - 1).instanceId();
            failed.add(instanceId);
            if (attempt >= MAX_BOOTS_PER_SLOT) {
                throw new KafkaAasException(ExitCode.INTERNAL, attempt + " instances in a row failed to boot in " + az + " ("
                        + String.join(", ", failed) + "); see their logs under " + settings.workdir().resolve("instances"));
            }
            fault = Optional.empty();
        }
    }

    private volatile boolean standbyExpected;
    private volatile SimulatedHost lastStandbyHost;

    /**
     * The group's desired capacity above the broker count: each extra instance boots like any other, finds no free id
     * (exit 3), signals --waiting and stays in service without Kafka. Checked through kafka-aas status and the cluster:
     * listed as waiting, owning no slot, every broker still registered and nothing under-replicated.
     */
    private List<Standby> launchExtraInstances() throws Exception {
        List<Standby> standbys = new ArrayList<>();
        for (int k = 0; k < settings.extraInstances(); k++) {
            String az = settings.zones().get((settings.brokers() + k) % settings.zones().size());
            standbyExpected = true;
            try {
                if (launchAndBoot(az, "extra instance " + (k + 1) + " beyond " + settings.brokers() + " brokers", Optional.empty(),
                        InstanceBoot.BeforeKafka.NOTHING).isPresent()) {
                    throw new KafkaAasException(ExitCode.INTERNAL, "an extra instance claimed a broker id: there are only "
                            + settings.brokers() + " ids");
                }
            } finally {
                standbyExpected = false;
            }
            Boot boot = boots.get(boots.size() - 1);
            SimulatedHost host = lastStandbyHost;
            List<String> args = new ArrayList<>(List.of("status", "--zookeeper", zookeeper.connectString(), "--cluster", settings.cluster(),
                    "--broker-count", Integer.toString(settings.brokers())));
            args.addAll(host.awsOptions());
            JsonNode status = new HelperCli(children, settings.workdir().resolve("appcds")).run(host, args);
            boolean listed = false;
            for (JsonNode w : status.path("waitingForId")) {
                listed |= w.path("instanceId").asText().equals(boot.instanceId());
            }
            boolean ownsSlot = false;
            for (JsonNode slot : status.path("slots")) {
                ownsSlot |= slot.path("owner").asText().equals(boot.instanceId());
            }
            List<Integer> registered = curator.getChildren().forPath("/brokers/ids").stream().map(Integer::valueOf).sorted().toList();
            int urp = probe.describe(bootstrapServers(), SimulationSettings.TOPIC).path("underReplicatedPartitions").asInt(-1);
            Standby standby = new Standby(boot.instanceId(), az, boot.steps().get(0).exitCode(), boot.lifecycleState(),
                    boot.healthStatus(), listed, ownsSlot, registered, urp);
            timeline.event(String.format("standby %s: status lists it waiting for an id: %s; owns a slot: %s; brokers %s still"
                    + " registered; under-replicated partitions: %d", standby.instanceId(), listed, ownsSlot, registered, urp));
            standbys.add(standby);
        }
        return standbys;
    }

    private Optional<Node> launchAndBoot(String az, String purpose, Optional<String> fault, InstanceBoot.BeforeKafka beforeKafka)
            throws Exception {
        CloudInstance instance = server.cloud().autoScaling().launch(az);
        timeline.event("the group launched " + instance.id() + " in " + az + " (" + purpose + ")"
                + fault.map(f -> "; fault: its bootstrap gets --cluster-id " + f + ", which its volume's meta.properties must refuse").orElse(""));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!instance.state().equals("running")) {
            if (System.nanoTime() > deadline) {
                throw new KafkaAasException(ExitCode.INTERNAL, instance.id() + " did not reach running");
            }
            Thread.sleep(20);
        }
        SimulatedHost host = new SimulatedHost(instance.id(), az, settings.region(),
                settings.workdir().resolve("instances").resolve(instance.id()), server.ec2Endpoint(),
                server.imdsEndpoint(instance.id()), settings.cluster(), settings.brokers(),
                settings.tagPrefix(), settings.kafkaPort(), clusterOptions());
        Files.createDirectories(host.logDir());
        InstanceBoot.Report report = boot.boot(host, fault, beforeKafka);
        LocalAutoScaling.Member member = server.cloud().autoScaling().member(instance.id()).orElseThrow();
        boots.add(new Boot(instance.id(), az, purpose, report.succeeded(), report.steps(), report.waitHealthy(),
                member.lifecycleState(), member.healthStatus(), report.standby()));
        if (report.standby()) {
            if (!standbyExpected) {
                throw new KafkaAasException(ExitCode.INTERNAL, instance.id() + " (" + purpose + ") found no free broker id in " + az
                        + "; see " + host.logDir().resolve("kafka-aas.log"));
            }
            timeline.event("the group kept " + instance.id() + " in service as a standby without Kafka (" + member.lifecycleState()
                    + ", " + member.healthStatus() + ")");
            lastStandbyHost = host;
            return Optional.empty();
        }
        if (!report.succeeded()) {
            // The instance's own shutdown stops a Kafka that started; the group has terminated the instance.
            report.process().ifPresent(p -> p.stop(BROKER_STOP_GRACE));
            if (!member.replaced()) {
                throw new KafkaAasException(ExitCode.INTERNAL, instance.id() + " failed to boot but its group shows it "
                        + member.lifecycleState() + "/" + member.healthStatus() + ": signal --failure did not reach the local cloud;"
                        + " see " + host.logDir().resolve("kafka-aas.log"));
            }
            timeline.event("the group terminated " + instance.id() + " (" + member.healthStatus() + ", " + member.lifecycleState()
                    + ") and launches a replacement");
            return Optional.empty();
        }
        timeline.event("the group put " + instance.id() + " in service (" + member.lifecycleState() + ", " + member.healthStatus() + ")");
        return Optional.of(new Node(instance, host, report.broker().orElseThrow(), report.process().orElseThrow(),
                report.bytesOnVolumeAtBoot(), report.kafkaStartedAtMillis(), report.healthyAtMillis()));
    }

    /** ZooKeeper mode: its /brokers/ids registration. KRaft: its wait-healthy saw it in the cluster metadata already. */
    private void awaitRegistered(Node node) throws Exception {
        if (settings.kraft()) {
            if (!node.process().isAlive()) {
                throw new KafkaAasException(ExitCode.INTERNAL, "Kafka node " + node.broker().brokerId() + " on "
                        + node.instance().id() + " exited after it was healthy; see " + node.process().log());
            }
            return;
        }
        long deadline = System.nanoTime() + REGISTER_TIMEOUT.toNanos();
        String path = "/brokers/ids/" + node.broker().brokerId();
        while (curator.checkExists().forPath(path) == null) {
            if (!node.process().isAlive()) {
                throw new KafkaAasException(ExitCode.INTERNAL, "Kafka broker " + node.broker().brokerId() + " on "
                        + node.instance().id() + " exited before registering; see " + node.process().log());
            }
            if (System.nanoTime() > deadline) {
                throw new KafkaAasException(ExitCode.INTERNAL, "Kafka broker " + node.broker().brokerId() + " did not register at "
                        + path + " within " + REGISTER_TIMEOUT.toSeconds() + " s; see " + node.process().log());
            }
            Thread.sleep(100);
        }
    }

    private Replacement replace(int brokerId) throws Exception {
        Node victim = nodes.values().stream().filter(n -> n.broker().brokerId() == brokerId).findFirst().orElseThrow();
        Identity before = identity(victim);
        timeline.event("terminating " + victim.instance().id() + " (broker " + brokerId + ")");
        long terminatedAt = System.currentTimeMillis();
        server.cloud().terminate(victim.instance().id());
        // A killed broker's registration lingers for its ZooKeeper session (18 s); the rest is a bound for a loaded machine.
        // KRaft: the controller fences a stopped broker itself; the replacement registers with the same id and directory.
        long deadline = System.nanoTime() + BROKER_STOP_GRACE.plusSeconds(60).toNanos();
        while (victim.process().isAlive() || !settings.kraft() && curator.checkExists().forPath("/brokers/ids/" + brokerId) != null) {
            if (System.nanoTime() > deadline) {
                throw new KafkaAasException(ExitCode.INTERNAL, "broker " + brokerId + " did not go away after its instance was terminated");
            }
            Thread.sleep(100);
        }
        nodes.remove(victim.instance().id());
        // The group launches the replacement now; it does not wait for the clients, whose records while the broker is down
        // (what the replacement must fetch from its peers) and the look at the cluster then run alongside its launch and
        // bootstrap. Its Kafka starts only once both are done, so they still describe the cluster without the broker.
        CompletableFuture<Integer> whileDown = whileDown(brokerId);
        String volumeMode = "reattached";
        if (settings.freshVolume()) {
            volumeMode = "fresh";
            retireVolume(before);
        }
        Optional<String> fault = firstReplacementFails ? Optional.of(FOREIGN_CLUSTER_ID) : Optional.empty();
        firstReplacementFails = false;
        int bootsBefore = boots.size();
        Node replacement = bootUntilHealthy(before.availabilityZone(), "replaces " + before.instanceId(), fault, () -> get(whileDown));
        int urpWhileDown = get(whileDown); // done: the healthy boot's Kafka started after it
        List<String> failedInstances = boots.subList(bootsBefore, boots.size()).stream().filter(b -> !b.succeeded())
                .map(Boot::instanceId).toList();
        JsonNode waitHealthy = boots.get(boots.size() - 1).waitHealthy().orElseThrow();
        nodes.put(replacement.instance().id(), replacement);
        Identity after = identity(replacement);
        long onVolume = replacement.bytesOnVolumeAtBoot();
        awaitRegistered(replacement);
        // The boot's wait-healthy said when the broker was back in every ISR; an independent Admin client confirms it.
        probe.waitInSync(bootstrapServers(), SimulationSettings.TOPIC, replacement.broker().brokerId(), IN_SYNC_TIMEOUT);
        if (settings.kraft()) {
            awaitQuorum();
        }
        long inSyncAt = replacement.healthyAtMillis();
        double seconds = (inSyncAt - replacement.startedAtMillis()) / 1000.0;
        double sinceTerminate = (inSyncAt - terminatedAt) / 1000.0;
        long fetched = BrokerJmx.replicationBytesIn(replacement.process().jmxPort(), Duration.ofSeconds(30));
        timeline.atMillis(inSyncAt, String.format("broker %d back in every ISR %.1f s after Kafka started, %.1f s after its instance was"
                        + " terminated (wait-healthy; confirmed by an independent Admin client); fetched %.1f MiB from peers (volume held %.1f MiB at boot)", replacement.broker().brokerId(),
                seconds, sinceTerminate, fetched / 1048576.0, onVolume / 1048576.0));
        int urpAtEnd = probe.describe(bootstrapServers(), SimulationSettings.TOPIC).path("underReplicatedPartitions").asInt(-1);
        timeline.event("after broker " + brokerId + "'s replacement: " + urpAtEnd + " under-replicated partition(s)");
        return new Replacement(brokerId, before, after, volumeMode.equals("fresh") ? "fresh" : "reattached", onVolume, fetched, seconds,
                sinceTerminate, failedInstances, waitHealthy, urpWhileDown, urpAtEnd);
    }

    /**
     * What happens on the cluster while broker {@code brokerId} is down, on its own thread: the records produced then,
     * and the under-replicated partitions an Admin client sees after them. Empty work with a single broker: nothing
     * could take the records.
     */
    private CompletableFuture<Integer> whileDown(int brokerId) {
        if (settings.brokers() <= 1) {
            return CompletableFuture.completedFuture(0);
        }
        return CompletableFuture.supplyAsync(() -> {
            long records = settings.recordsWhileDown();
            timeline.event("producing " + records + " records of " + settings.recordSize() + " B (acks=all) while broker " + brokerId
                    + " is down, then describing the cluster (one client)");
            JsonNode result = probe.produceAndDescribe(bootstrapServers(), SimulationSettings.TOPIC, records, settings.recordSize());
            recordsSoFar += records;
            int urp = result.path("cluster").path("underReplicatedPartitions").asInt(-1);
            timeline.event(String.format("produced %d records (%.1f MiB) in %.1f s; with broker %d gone: %d under-replicated partition(s)",
                    records, result.path("bytes").asLong() / 1048576.0, result.path("millis").asLong() / 1000.0, brokerId, urp));
            return urp;
        }, whileDownThread);
    }

    /** Benchmark only: the slot's volume is retagged out of the way and an empty one takes its Name tag. */
    private void retireVolume(Identity before) {
        LocalCloud cloud = server.cloud();
        CloudVolume old = cloud.volume(before.volumeId());
        String name = old.name();
        cloud.createTags(List.of(old.id()), Map.of("Name", name + "-retired"));
        CloudVolume fresh = cloud.createVolume(old.availabilityZone(), old.sizeGiB(), Map.of("Name", name));
        timeline.event("fresh-volume mode: " + old.id() + " retagged " + name + "-retired; new empty " + fresh.id()
                + " tagged " + name);
    }

    private String bootstrapServers() {
        return nodes.values().stream().map(n -> n.broker().privateIp() + ":" + settings.kafkaPort()).sorted()
                .collect(Collectors.joining(","));
    }

    private static Identity identity(Node n) {
        String directoryId;
        try {
            directoryId = StorageFormatStep.metaProperties(StorageFormatStep.logDir(n.broker().serverProperties())).getProperty("directory.id");
        } catch (IOException e) {
            throw new KafkaAasException(ExitCode.INTERNAL, "cannot read meta.properties of broker " + n.broker().brokerId() + " on "
                    + n.instance().id() + ": " + e.getMessage(), e);
        }
        return new Identity(n.instance().id(), n.instance().availabilityZone(), n.broker().privateIp(), n.broker().volumeId(), directoryId);
    }

    static long directorySize(Path dir) throws IOException {
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    /** Stops everything this simulation started; safe to call twice (normal end and the Ctrl-C hook). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (settings.kraft()) {
            // All at once: a KRaft node stopped after the others has no quorum to hand its controlled shutdown to.
            nodes.values().parallelStream().forEach(n -> n.process().stop(BROKER_STOP_GRACE));
        } else {
            // One at a time: brokers stopped all at once keep retrying controlled shutdown against a vanished controller.
            nodes.values().stream().sorted(Comparator.comparingInt((Node n) -> n.broker().brokerId()).reversed())
                    .forEach(n -> n.process().stop(BROKER_STOP_GRACE));
        }
        whileDownThread.shutdownNow();
        children.close();
        if (curator != null) {
            curator.close();
        }
        if (server != null) {
            server.close();
        }
        if (zookeeper != null) {
            zookeeper.close();
        }
        if (settings.deleteWorkdirAtEnd()) {
            deleteRecursively(settings.workdir());
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp directory
        }
    }
}
