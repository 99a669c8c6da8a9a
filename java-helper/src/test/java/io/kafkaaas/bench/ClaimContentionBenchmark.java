package io.kafkaaas.bench;

import io.kafkaaas.claim.LeavingInstances;
import io.kafkaaas.core.Sleeper;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.claim.BrokerIdClaimer;
import io.kafkaaas.claim.OwnerLiveness;
import io.kafkaaas.claim.SlotCatalog;
import io.kafkaaas.claim.SlotInspector;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.testing.FakeInstanceDirectory;
import io.kafkaaas.testing.FakeNetworkInterfaces;
import io.kafkaaas.zk.ZkBrokerRegistry;
import io.kafkaaas.zk.ZkClaimStore;
import io.kafkaaas.zk.ZkConnectString;
import io.kafkaaas.zk.ZooKeeperConnector;
import org.apache.curator.drivers.AdvancedTracerDriver;
import org.apache.curator.drivers.EventTrace;
import org.apache.curator.drivers.OperationTrace;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.ClientCnxn;
import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Claim contention: N instances boot at the same moment, each on its own ZooKeeper session, for N slots.
 * Measures the time until every one holds an id and the ZooKeeper requests per claim (counted at each claimer's
 * Curator client, one per operation, and cross-checked with the server's own packet counter), for a first boot
 * (all ids free) and a replacement wave (all N owners terminated). Each claimer is a running instance, as EC2
 * reports it.
 * The EC2 ports are in-memory so that only the ZooKeeper protocol is measured. Not a test: run
 * bench/claim-contention.sh.
 */
public final class ClaimContentionBenchmark {
    private static final String AZ = "us-east-1a";

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {4, 16, 64};
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.zookeeper", "off");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.curator", "off");

        // ZooKeeper allows 60 connections per client IP by default; 64 instances on one host need more.
        InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, -1, -1, 0, Map.of("maxClientCnxns", "0"));
        try (TestingServer server = new TestingServer(spec, true)) {
            System.out.printf("%-4s %-11s %-6s %10s %10s %10s %12s  %s%n",
                    "N", "scenario", "rounds", "median ms", "min ms", "max ms", "req/claim", "successful ops by type per claim (median round); server packets per claim");
            for (int n : sizes) {
                for (String scenario : List.of("first-boot", "replacement")) {
                    List<Sample> samples = new ArrayList<>();
                    for (int round = 0; round < rounds + 1; round++) {
                        Sample sample = run(server.getConnectString(), n, scenario, "r" + n + scenario + round);
                        if (round > 0) { // round 0 warms up the JIT and the server
                            samples.add(sample);
                        }
                    }
                    samples.sort((a, b) -> Long.compare(a.nanos, b.nanos));
                    Sample median = samples.get(samples.size() / 2);
                    System.out.printf("%-4d %-11s %-6d %10.1f %10.1f %10.1f %12.2f  %s%n", n, scenario, rounds,
                            median.nanos / 1e6, samples.get(0).nanos / 1e6, samples.get(samples.size() - 1).nanos / 1e6,
                            median.ops / (double) n, perClaim(median.byType, n)
                                    + String.format("; server %.2f", median.serverRequests / (double) n));
                }
            }
        }
    }

    record Sample(long nanos, long ops, Map<String, Long> byType, long serverRequests) {
    }

    private static Sample run(String connectString, int n, String scenario, String cluster) throws Exception {
        FakeNetworkInterfaces enis = new FakeNetworkInterfaces().addBrokerEnis("KAFKA-", n, AZ);
        FakeInstanceDirectory instances = new FakeInstanceDirectory();
        if (scenario.equals("replacement")) {
            CuratorFramework setup = ZooKeeperConnector.connect(ZkConnectString.parse(connectString), Duration.ofSeconds(30));
            for (int i = 0; i < n; i++) {
                String dead = "i-dead" + i;
                newClaimer(setup, cluster, enis, instances).claim(new InstanceIdentity(dead, AZ), n);
                instances.put(dead, InstanceState.TERMINATED);
            }
            setup.close();
        }

        Counter counter = new Counter();
        List<CuratorFramework> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CuratorFramework client = ZooKeeperConnector.connect(ZkConnectString.parse(connectString), Duration.ofSeconds(30));
            client.getZookeeperClient().setTracerDriver(counter);
            clients.add(client);
            instances.put("i-" + cluster + "-" + i, InstanceState.RUNNING);
        }
        long sentBefore = 0;
        for (CuratorFramework client : clients) {
            sentBefore += requestsSent(client);
        }
        long packetsBefore = packetsReceived(connectString);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CuratorFramework client = clients.get(i);
            String instanceId = "i-" + cluster + "-" + i;
            BrokerIdClaimer claimer = newClaimer(client, cluster, enis, instances);
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return claimer.claim(new InstanceIdentity(instanceId, AZ), n).brokerId();
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        Set<Integer> ids = new HashSet<>();
        for (Future<Integer> f : futures) {
            ids.add(f.get());
        }
        long elapsed = System.nanoTime() - start;
        // Each srvr probe is itself a connection; the claims' sessions were open before and stay open.
        long serverRequests = packetsReceived(connectString) - packetsBefore;
        long sent = -sentBefore;
        for (CuratorFramework client : clients) {
            sent += requestsSent(client);
        }
        pool.shutdown();
        clients.forEach(CuratorFramework::close);
        if (ids.size() != n) {
            throw new IllegalStateException("duplicate ids: " + ids);
        }
        return new Sample(elapsed, sent, counter.snapshot(), serverRequests);
    }

    private static BrokerIdClaimer newClaimer(CuratorFramework client, String cluster, FakeNetworkInterfaces enis,
                                              FakeInstanceDirectory instances) {
        SlotInspector inspector = new SlotInspector(instances, new ZkBrokerRegistry(client, ""),
                new OwnerLiveness(Clock.systemUTC(), Duration.ofMinutes(10)));
        return new BrokerIdClaimer(new ZkClaimStore(client, "", cluster), new SlotCatalog(enis, "KAFKA-"), inspector,
                new LeavingInstances(ids -> Map.of()), new ResourceWaiter(Clock.systemUTC(), Sleeper.system()), Duration.ZERO);
    }

    /**
     * Requests this client has put on the wire so far, failed ones and Curator's own (parent creation, retries)
     * included, pings and session set-up excluded: the ZooKeeper client numbers each request with the next xid.
     */
    private static long requestsSent(CuratorFramework client) throws Exception {
        ZooKeeper zooKeeper = client.getZookeeperClient().getZooKeeper();
        Field cnxn = ZooKeeper.class.getDeclaredField("cnxn");
        cnxn.setAccessible(true);
        Field xid = ClientCnxn.class.getDeclaredField("xid");
        xid.setAccessible(true);
        return xid.getInt(cnxn.get(zooKeeper));
    }

    /** Packets the server received so far, from the "srvr" four-letter word. */
    private static long packetsReceived(String connectString) throws IOException {
        String[] hostPort = connectString.split(":");
        try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            socket.getOutputStream().write("srvr".getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return reply.lines().filter(l -> l.startsWith("Received: ")).mapToLong(l -> Long.parseLong(l.substring(10).trim()))
                    .findFirst().orElseThrow(() -> new IOException("no 'Received:' in srvr reply: " + reply));
        }
    }

    private static String perClaim(Map<String, Long> byType, int n) {
        StringBuilder out = new StringBuilder();
        byType.forEach((type, count) -> out.append(type).append('=').append(String.format("%.2f", count / (double) n)).append(' '));
        return out.toString().trim();
    }

    /**
     * Counts ZooKeeper requests by type as the Curator client issues them: Curator traces each foreground operation
     * once ("GetDataBuilderImpl-Foreground", "CuratorMultiTransactionImpl-Foreground", ...), a multi included.
     */
    static final class Counter extends AdvancedTracerDriver {
        final LongAdder total = new LongAdder();
        final Map<String, LongAdder> byType = new ConcurrentHashMap<>();

        @Override
        public void addTrace(OperationTrace trace) {
            String name = trace.getName();
            if (!name.endsWith("-Foreground") && !name.endsWith("-Background")) {
                return;
            }
            String type = name.substring(0, name.indexOf('-')).replace("BuilderImpl", "").replace("CuratorMultiTransactionImpl", "Multi");
            total.increment();
            byType.computeIfAbsent(Character.toLowerCase(type.charAt(0)) + type.substring(1), k -> new LongAdder()).increment();
        }

        @Override
        public void addEvent(EventTrace trace) {
        }

        Map<String, Long> snapshot() {
            Map<String, Long> copy = new TreeMap<>();
            byType.forEach((k, v) -> copy.put(k, v.sum()));
            return copy;
        }
    }
}
