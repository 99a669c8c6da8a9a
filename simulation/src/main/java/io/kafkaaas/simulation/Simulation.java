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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The whole mechanism on one machine: an embedded ZooKeeper, the local cloud with per-broker ENIs and
 * volumes, N instances launched by the simulated group and booted concurrently through the AMI's boot sequence
 * ({@link InstanceBoot}: bootstrap, Kafka from the rendered files, wait-healthy, signal), a real Kafka broker per
 * instance, data on a replicated topic, then instances terminated and replaced. Each replacement must come
 * back with the same broker id, ENI IP and volume, and the cluster must end with no under-replicated partition.
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
                       Optional<JsonNode> waitHealthy, String lifecycleState, String healthStatus) {
    }

    public record Identity(String instanceId, String availabilityZone, String privateIp, String volumeId) {
    }

    public record Replacement(int brokerId, Identity before, Identity after, String volume, long bytesOnVolumeAtBoot,
                              long bytesFetchedFromPeers, double secondsToInSync, double secondsFromTerminateToInSync,
                              List<String> failedInstances, JsonNode waitHealthy) {
        public boolean keptIdentity() {
            return before.privateIp().equals(after.privateIp())
                    && (volume.equals("fresh") || before.volumeId().equals(after.volumeId()))
                    && !before.instanceId().equals(after.instanceId());
        }
    }

    public record Report(String zookeeper, String ec2Endpoint, List<Identity> brokers, long recordsProduced, long recordsInTopic,
                         List<Replacement> replacements, List<Boot> boots, int underReplicatedPartitions, int offlinePartitions,
                         double seconds) {
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

        List<Replacement> replacements = new ArrayList<>();
        for (int r = 0; r < settings.replacements(); r++) {
            int brokerId = r % settings.brokers();
            replacements.add(replace(brokerId));
            produced = recordsSoFar;
        }

        JsonNode end = probe.describe(bootstrapServers(), SimulationSettings.TOPIC);
        int urp = end.path("underReplicatedPartitions").asInt(-1);
        timeline.event("under-replicated partitions: " + urp + "; offline partitions: " + end.path("offlinePartitions").asInt()
                + "; records in " + SimulationSettings.TOPIC + ": " + end.path("records").asLong());
        List<Identity> brokers = nodes.values().stream().sorted(Comparator.comparingInt(n -> n.broker().brokerId()))
                .map(Simulation::identity).toList();
        return new Report(zookeeper.connectString(), server.ec2Endpoint().toString(), brokers, produced,
                end.path("records").asLong(), replacements, List.copyOf(boots), urp, end.path("offlinePartitions").asInt(), timeline.seconds());
    }

    private long recordsSoFar;

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
        zookeeper = EmbeddedZooKeeper.start(dir.resolve("zookeeper"), "127.0.0.1", settings.zookeeperPort());
        timeline.event("ZooKeeper up at " + zookeeper.connectString());
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
        boot = new InstanceBoot(cli, children, settings.kafkaLibs(), brokerArchive, cloud.volumesRoot(), timeline,
                volumeId -> directorySize(cloud.volume(volumeId).directory()));
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        probe = new KafkaProbe(children, settings.kafkaLibs(), brokerArchive, logs);
        curator = ZooKeeperConnector.connect(ZkConnectString.parse(zookeeper.connectString()), Duration.ofSeconds(30));
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
                futures.add(pool.submit(() -> bootUntilHealthy(az, "initial", Optional.empty())));
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
        timeline.event("all " + settings.brokers() + " brokers registered in ZooKeeper: /brokers/ids "
                + curator.getChildren().forPath("/brokers/ids").stream().sorted().toList());
        // Registered is not yet usable: the controller places replicas only on brokers its metadata lists.
        List<Integer> ids = nodes.values().stream().map(n -> n.broker().brokerId()).sorted().toList();
        probe.awaitBrokers(bootstrapServers(), ids, REGISTER_TIMEOUT);
        timeline.event("every broker's metadata lists brokers " + ids);
    }

    private static Node get(Future<Node> f) throws Exception {
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
    private Node bootUntilHealthy(String az, String purpose, Optional<String> firstBootFault) throws Exception {
        Optional<String> fault = firstBootFault;
        List<String> failed = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            Optional<Node> node = launchAndBoot(az, failed.isEmpty() ? purpose : "replaces " + failed.get(failed.size() - 1), fault);
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

    private Optional<Node> launchAndBoot(String az, String purpose, Optional<String> fault) throws Exception {
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
                server.imdsEndpoint(instance.id()), zookeeper.connectString(), settings.cluster(), settings.brokers(),
                settings.tagPrefix(), settings.kafkaPort());
        Files.createDirectories(host.logDir());
        InstanceBoot.Report report = boot.boot(host, fault);
        LocalAutoScaling.Member member = server.cloud().autoScaling().member(instance.id()).orElseThrow();
        boots.add(new Boot(instance.id(), az, purpose, report.succeeded(), report.steps(), report.waitHealthy(),
                member.lifecycleState(), member.healthStatus()));
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

    private void awaitRegistered(Node node) throws Exception {
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
        long deadline = System.nanoTime() + BROKER_STOP_GRACE.plusSeconds(60).toNanos();
        while (victim.process().isAlive() || curator.checkExists().forPath("/brokers/ids/" + brokerId) != null) {
            if (System.nanoTime() > deadline) {
                throw new KafkaAasException(ExitCode.INTERNAL, "broker " + brokerId + " did not go away after its instance was terminated");
            }
            Thread.sleep(100);
        }
        nodes.remove(victim.instance().id());
        if (settings.brokers() > 1) {
            produce(settings.recordsWhileDown());
        }
        String volumeMode = "reattached";
        if (settings.freshVolume()) {
            volumeMode = "fresh";
            retireVolume(before);
        }
        Optional<String> fault = firstReplacementFails ? Optional.of(FOREIGN_CLUSTER_ID) : Optional.empty();
        firstReplacementFails = false;
        int bootsBefore = boots.size();
        Node replacement = bootUntilHealthy(before.availabilityZone(), "replaces " + before.instanceId(), fault);
        List<String> failedInstances = boots.subList(bootsBefore, boots.size()).stream().filter(b -> !b.succeeded())
                .map(Boot::instanceId).toList();
        JsonNode waitHealthy = boots.get(boots.size() - 1).waitHealthy().orElseThrow();
        nodes.put(replacement.instance().id(), replacement);
        Identity after = identity(replacement);
        long onVolume = replacement.bytesOnVolumeAtBoot();
        awaitRegistered(replacement);
        // The boot's wait-healthy said when the broker was back in every ISR; an independent Admin client confirms it.
        probe.waitInSync(bootstrapServers(), SimulationSettings.TOPIC, replacement.broker().brokerId(), IN_SYNC_TIMEOUT);
        long inSyncAt = replacement.healthyAtMillis();
        double seconds = (inSyncAt - replacement.startedAtMillis()) / 1000.0;
        double sinceTerminate = (inSyncAt - terminatedAt) / 1000.0;
        long fetched = BrokerJmx.replicationBytesIn(replacement.process().jmxPort(), Duration.ofSeconds(30));
        timeline.atMillis(inSyncAt, String.format("broker %d back in every ISR %.1f s after Kafka started, %.1f s after its instance was"
                        + " terminated (wait-healthy; confirmed by an independent Admin client); fetched %.1f MiB from peers (volume held %.1f MiB at boot)", replacement.broker().brokerId(),
                seconds, sinceTerminate, fetched / 1048576.0, onVolume / 1048576.0));
        return new Replacement(brokerId, before, after, volumeMode.equals("fresh") ? "fresh" : "reattached", onVolume, fetched, seconds,
                sinceTerminate, failedInstances, waitHealthy);
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
        return new Identity(n.instance().id(), n.instance().availabilityZone(), n.broker().privateIp(), n.broker().volumeId());
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
        // One at a time: brokers stopped all at once keep retrying controlled shutdown against a vanished controller.
        nodes.values().stream().sorted(Comparator.comparingInt((Node n) -> n.broker().brokerId()).reversed())
                .forEach(n -> n.process().stop(BROKER_STOP_GRACE));
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
