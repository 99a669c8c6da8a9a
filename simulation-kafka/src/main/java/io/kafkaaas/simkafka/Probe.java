package io.kafkaaas.simkafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The simulation's data-plane checks, run in the Kafka classpath so the helper's jar stays free of Kafka:
 * create a replicated topic, produce to it, count under-replicated partitions, and wait until a broker is
 * back in every ISR it belongs to. Each command prints exactly one JSON line on stdout; exit 1 on failure.
 */
public final class Probe {
    private Probe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            fail("usage: Probe await-brokers|create-topic|produce|produce-and-describe|consume|describe|wait-in-sync|throttle|wait-quorum"
                    + " BOOTSTRAP ...");
        }
        String bootstrap = args[1];
        switch (args[0]) {
            case "await-brokers" -> awaitBrokers(bootstrap, args[2], Long.parseLong(args[3]));
            case "create-topic" -> createTopic(bootstrap, args[2], Integer.parseInt(args[3]), Short.parseShort(args[4]), args[5]);
            case "produce" -> System.out.println("{" + produce(bootstrap, args[2], Long.parseLong(args[3]), Integer.parseInt(args[4])) + "}");
            // One JVM for both, so a look at the cluster right after the records costs no second client start-up.
            case "produce-and-describe" -> System.out.println("{" + produce(bootstrap, args[2], Long.parseLong(args[3]),
                    Integer.parseInt(args[4])) + ",\"cluster\":" + describe(bootstrap, args[2]) + "}");
            case "describe" -> System.out.println(describe(bootstrap, args[2]));
            case "wait-in-sync" -> waitInSync(bootstrap, args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]));
            case "throttle" -> throttle(bootstrap, args[2], Long.parseLong(args[3]));
            case "consume" -> consume(bootstrap, args[2], Long.parseLong(args[3]), Long.parseLong(args[4]));
            case "wait-quorum" -> waitQuorum(bootstrap, args[2], Long.parseLong(args[3]));
            default -> fail("unknown probe command " + args[0]);
        }
        System.exit(0);
    }

    /**
     * Client security (TLS, SASL) from the properties file the system property kafkaaas.client.config names, as Kafka's
     * own tools take --command-config: applied to every client, so each command works against a secured listener.
     */
    private static Properties clientConfig() {
        Properties p = new Properties();
        String file = System.getProperty("kafkaaas.client.config");
        if (file != null) {
            try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(file))) {
                p.load(in);
            } catch (java.io.IOException e) {
                fail("cannot read the client config " + file + ": " + e);
            }
        }
        return p;
    }

    private static Admin admin(String bootstrap) {
        Properties p = clientConfig();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return Admin.create(p);
    }

    /**
     * Waits until every broker's metadata lists every expected broker. A broker registered in ZooKeeper is not
     * yet a broker the controller assigns replicas to: that needs the controller's metadata, which follows the
     * registration a moment later (on a loaded machine, seconds later). Creating a topic before that fails with
     * "Replication factor: 3 larger than available brokers: 1". Each broker is asked through its own client,
     * so the controller's view is among those checked.
     */
    private static void awaitBrokers(String bootstrap, String expectedIds, long timeoutSeconds) throws Exception {
        Set<Integer> expected = java.util.Arrays.stream(expectedIds.split(",")).map(Integer::valueOf).collect(Collectors.toSet());
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000;
        List<Admin> admins = new ArrayList<>();
        try {
            for (String address : bootstrap.split(",")) {
                admins.add(admin(address));
            }
            Map<String, String> seen = new HashMap<>();
            int polls = 0;
            while (System.currentTimeMillis() < deadline) {
                polls++;
                boolean all = true;
                for (int i = 0; i < admins.size(); i++) {
                    String address = bootstrap.split(",")[i];
                    try {
                        Set<Integer> ids = admins.get(i).describeCluster(new DescribeClusterOptions().timeoutMs(10_000))
                                .nodes().get().stream().map(Node::id).collect(Collectors.toSet());
                        seen.put(address, ids.toString());
                        all &= ids.containsAll(expected);
                    } catch (ExecutionException e) {
                        seen.put(address, String.valueOf(e.getCause())); // a broker still starting answers nothing yet
                        all = false;
                    }
                }
                if (all) {
                    System.out.println("{\"brokers\":" + expected.size() + ",\"polls\":" + polls + "}");
                    return;
                }
                Thread.sleep(100);
            }
            fail("the brokers' metadata did not list every broker " + expected + " within " + timeoutSeconds + " s: " + seen);
        } finally {
            admins.forEach(Admin::close);
        }
    }

    private static void createTopic(String bootstrap, String topic, int partitions, short replication, String minIsr) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            NewTopic t = new NewTopic(topic, partitions, replication).configs(Map.of("min.insync.replicas", minIsr));
            boolean created = true;
            try {
                admin.createTopics(List.of(t)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                created = false;
            }
            System.out.println("{\"topic\":\"" + topic + "\",\"created\":" + created + "}");
        }
    }

    /**
     * Caps catch-up replication at a rate, as a real network or EBS throughput would: a cluster-wide dynamic
     * broker default (kept in ZooKeeper, so a replacement broker gets it too) and every replica of the topic.
     * Kafka throttles only replicas outside the ISR, so normal replication is untouched.
     */
    private static void throttle(String bootstrap, String topic, long bytesPerSecond) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            String rate = String.valueOf(bytesPerSecond);
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> ops = new HashMap<>();
            ops.put(new ConfigResource(ConfigResource.Type.BROKER, ""), List.of(
                    new AlterConfigOp(new ConfigEntry("leader.replication.throttled.rate", rate), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("follower.replication.throttled.rate", rate), AlterConfigOp.OpType.SET)));
            ops.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                    new AlterConfigOp(new ConfigEntry("leader.replication.throttled.replicas", "*"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("follower.replication.throttled.replicas", "*"), AlterConfigOp.OpType.SET)));
            admin.incrementalAlterConfigs(ops).all().get();
            System.out.println("{\"topic\":\"" + topic + "\",\"throttledBytesPerSecond\":" + bytesPerSecond + "}");
        }
    }

    /** Produces the records (acks=all) and returns its figures as JSON fields: records, bytes, millis. */
    private static String produce(String bootstrap, String topic, long records, int size) throws Exception {
        Properties p = clientConfig();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        long start = System.nanoTime();
        Random random = new Random(42);
        byte[] value = new byte[size];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<?>> pending = new ArrayList<>();
            for (long i = 0; i < records; i++) {
                random.nextBytes(value); // incompressible, so bytes on disk and on the wire are what we produced
                pending.add(producer.send(new ProducerRecord<>(topic, String.valueOf(i).getBytes(), value.clone())));
                if (pending.size() >= 10_000) {
                    for (Future<?> f : pending) {
                        f.get();
                    }
                    pending.clear();
                }
            }
            for (Future<?> f : pending) {
                f.get();
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return "\"records\":" + records + ",\"bytes\":" + records * size + ",\"millis\":" + millis;
    }

    /** Reads the topic from the start until {@code expected} records came back (or the timeout), and counts them. */
    private static void consume(String bootstrap, String topic, long expected, long timeoutSeconds) {
        Properties p = clientConfig();
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "kafka-aas-probe-" + System.nanoTime());
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        long consumed = 0;
        long start = System.nanoTime();
        long deadline = start + timeoutSeconds * 1_000_000_000L;
        var bytes = new org.apache.kafka.common.serialization.ByteArrayDeserializer();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(p, bytes, bytes)) {
            consumer.subscribe(List.of(topic));
            while (consumed < expected && System.nanoTime() < deadline) {
                consumed += consumer.poll(java.time.Duration.ofMillis(500)).count();
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("{\"consumed\":" + consumed + ",\"millis\":" + millis + "}");
    }

    private static String describe(String bootstrap, String topic) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Set<String> topics = admin.listTopics().names().get();
            Map<String, TopicDescription> all = admin.describeTopics(topics).allTopicNames().get();
            int urp = 0;
            int offline = 0;
            for (TopicDescription d : all.values()) {
                for (TopicPartitionInfo info : d.partitions()) {
                    if (info.isr().size() < info.replicas().size()) {
                        urp++;
                    }
                    if (info.leader() == null || info.leader().isEmpty()) {
                        offline++;
                    }
                }
            }
            StringBuilder json = new StringBuilder("{\"underReplicatedPartitions\":").append(urp)
                    .append(",\"offlinePartitions\":").append(offline);
            TopicDescription d = all.get(topic);
            if (d != null) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                for (TopicPartitionInfo info : d.partitions()) {
                    latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest());
                    earliest.put(new TopicPartition(topic, info.partition()), OffsetSpec.earliest());
                }
                long end = admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
                long start = admin.listOffsets(earliest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
                json.append(",\"records\":").append(end - start).append(",\"partitions\":[");
                json.append(d.partitions().stream().map(Probe::partitionJson).collect(Collectors.joining(",")));
                json.append(']');
            }
            return json.append('}').toString();
        }
    }

    private static String partitionJson(TopicPartitionInfo info) {
        return "{\"partition\":" + info.partition() + ",\"leader\":" + (info.leader() == null ? -1 : info.leader().id())
                + ",\"replicas\":" + ids(info.replicas()) + ",\"isr\":" + ids(info.isr()) + "}";
    }

    private static String ids(List<Node> nodes) {
        return nodes.stream().map(n -> String.valueOf(n.id())).collect(Collectors.joining(",", "[", "]"));
    }

    /** Polls until the broker is in the ISR of every partition it replicates and nothing is under-replicated. */
    private static void waitInSync(String bootstrap, String topic, int brokerId, long timeoutSeconds) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000;
        int polls = 0;
        try (Admin admin = admin(bootstrap)) {
            while (System.currentTimeMillis() < deadline) {
                polls++;
                try {
                    TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                    boolean inSync = d.partitions().stream().allMatch(info ->
                            info.isr().size() == info.replicas().size()
                                    && info.isr().stream().anyMatch(n -> n.id() == brokerId) == info.replicas().stream().anyMatch(n -> n.id() == brokerId));
                    if (inSync) {
                        System.out.println("{\"brokerId\":" + brokerId + ",\"inSyncAtEpochMillis\":" + System.currentTimeMillis()
                                + ",\"polls\":" + polls + "}");
                        return;
                    }
                } catch (ExecutionException e) {
                    // a broker just restarted: metadata can be briefly unavailable; keep polling
                }
                Thread.sleep(100);
            }
        }
        fail("broker " + brokerId + " did not rejoin every ISR of " + topic + " within " + timeoutSeconds + " s");
    }

    /**
     * KRaft: polls describeMetadataQuorum until there is a leader, the voters are exactly the expected node ids and
     * every voter has caught up (its log end offset equals the leader's, the lag kafka-metadata-quorum shows), then
     * prints the quorum: leader, epoch, high watermark, and each voter's log end offset and lag.
     */
    private static void waitQuorum(String bootstrap, String expectedVoters, long timeoutSeconds) throws Exception {
        Set<Integer> expected = java.util.Arrays.stream(expectedVoters.split(",")).map(Integer::valueOf).collect(Collectors.toSet());
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000;
        int polls = 0;
        String last = "no answer";
        try (Admin admin = admin(bootstrap)) {
            while (System.currentTimeMillis() < deadline) {
                polls++;
                try {
                    QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
                    last = quorumJson(quorum, polls);
                    Set<Integer> voters = quorum.voters().stream().map(QuorumInfo.ReplicaState::replicaId).collect(Collectors.toSet());
                    if (quorum.leaderId() >= 0 && voters.equals(expected)
                            && quorum.voters().stream().allMatch(v -> lag(quorum, v) == 0)) {
                        System.out.println(last);
                        return;
                    }
                } catch (ExecutionException e) {
                    last = String.valueOf(e.getCause()); // no leader yet, or the node asked is still starting
                }
                Thread.sleep(100);
            }
        }
        fail("the metadata quorum did not have voters " + expected + " all caught up within " + timeoutSeconds + " s; last: " + last);
    }

    private static long lag(QuorumInfo quorum, QuorumInfo.ReplicaState replica) {
        long leaderEnd = quorum.voters().stream().filter(v -> v.replicaId() == quorum.leaderId())
                .mapToLong(QuorumInfo.ReplicaState::logEndOffset).findFirst().orElse(-1);
        return leaderEnd < 0 ? -1 : Math.max(0, leaderEnd - replica.logEndOffset());
    }

    private static String quorumJson(QuorumInfo quorum, int polls) {
        return "{\"leader\":" + quorum.leaderId() + ",\"leaderEpoch\":" + quorum.leaderEpoch()
                + ",\"highWatermark\":" + quorum.highWatermark() + ",\"voters\":"
                + quorum.voters().stream().sorted(java.util.Comparator.comparingInt(QuorumInfo.ReplicaState::replicaId))
                .map(v -> "{\"id\":" + v.replicaId() + ",\"logEndOffset\":" + v.logEndOffset() + ",\"lag\":" + lag(quorum, v) + "}")
                .collect(Collectors.joining(",", "[", "]"))
                + ",\"observers\":" + quorum.observers().stream().map(o -> String.valueOf(o.replicaId())).sorted()
                .collect(Collectors.joining(",", "[", "]"))
                + ",\"polls\":" + polls + "}";
    }

    private static void fail(String message) {
        System.err.println("probe: " + message);
        System.exit(1);
    }
}
