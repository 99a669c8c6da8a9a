package io.kafkaaas.claim;

import java.time.Instant;
import io.kafkaaas.testing.ManualClock;
import io.kafkaaas.core.Sleeper;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.testing.FakeInstanceDirectory;
import io.kafkaaas.testing.FakeNetworkInterfaces;
import io.kafkaaas.zk.ZkBrokerRegistry;
import io.kafkaaas.zk.ZkClaimStore;
import io.kafkaaas.zk.ZkConnectString;
import io.kafkaaas.zk.ZooKeeperConnector;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The claim protocol against a real ZooKeeper, with every claimer on its own session as separate instances
 * would be: many concurrent claimers over several rounds, session expiry in the middle of a claim, the
 * quorum leader killed while claims are in flight. The invariant is always the same: no id is ever held
 * by two instances, and every winner's claim is the one ZooKeeper holds.
 */
class ZooKeeperClaimRaceTest {
    private static final String AZ = "us-east-1a";
    private static final String CLUSTER = "race";

    private final FakeInstanceDirectory instances = new FakeInstanceDirectory();
    private final FakeNetworkInterfaces enis = new FakeNetworkInterfaces();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private CuratorFramework connect(String connectString) {
        CuratorFramework client = ZooKeeperConnector.connect(ZkConnectString.parse(connectString), Duration.ofSeconds(20));
        closeables.add(client);
        return client;
    }

    private BrokerIdClaimer claimer(CuratorFramework client, ClaimStore store) {
        SlotInspector inspector = new SlotInspector(instances, new ZkBrokerRegistry(client, ""),
                new OwnerLiveness(Clock.systemUTC(), Duration.ofMinutes(10)));
        return new BrokerIdClaimer(store, new SlotCatalog(enis, "KAFKA-"), inspector,
                new LeavingInstances(ids -> Map.of()), new ResourceWaiter(Clock.systemUTC(), Sleeper.system()), Duration.ZERO);
    }

    /** Starts every claimer at the same moment, each on its own ZooKeeper session. */
    private Map<String, Optional<Integer>> claimConcurrently(String connectString, List<String> instanceIds, int brokerCount)
            throws Exception {
        return claimConcurrently(connectString, instanceIds, brokerCount, store -> store);
    }

    private Map<String, Optional<Integer>> claimConcurrently(String connectString, List<String> instanceIds, int brokerCount,
                                                             UnaryOperator<ClaimStore> decorate)
            throws Exception {
        List<CuratorFramework> clients = new ArrayList<>();
        for (int i = 0; i < instanceIds.size(); i++) {
            clients.add(connect(connectString));
        }
        ExecutorService pool = Executors.newFixedThreadPool(instanceIds.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Integer>>> futures = new ArrayList<>();
        for (int i = 0; i < instanceIds.size(); i++) {
            CuratorFramework client = clients.get(i);
            String instanceId = instanceIds.get(i);
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    return Optional.of(claimer(client, decorate.apply(new ZkClaimStore(client, "", CLUSTER)))
                            .claim(new InstanceIdentity(instanceId, AZ), brokerCount).brokerId());
                } catch (NoFreeBrokerIdException e) {
                    return Optional.<Integer>empty();
                }
            }));
        }
        start.countDown();
        Map<String, Optional<Integer>> results = new HashMap<>();
        for (int i = 0; i < instanceIds.size(); i++) {
            results.put(instanceIds.get(i), futures.get(i).get());
        }
        pool.shutdown();
        clients.forEach(CuratorFramework::close);
        return results;
    }

    private static void assertNoDuplicates(Map<String, Optional<Integer>> results) {
        List<Integer> ids = results.values().stream().flatMap(Optional::stream).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    private void assertStoreAgrees(ZkClaimStore store, Map<String, Optional<Integer>> results) {
        Map<Integer, Claim> claims = store.readAll();
        results.forEach((instance, id) -> id.ifPresent(
                i -> assertThat(claims.get(i).isOwnedBy(instance)).as("claim %d names %s", i, instance).isTrue()));
    }

    private static List<String> instanceIds(String round, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("i-" + round + String.format("%03d", i));
        }
        return ids;
    }

    @Test
    void manyConcurrentClaimersOverSeveralRoundsNeverShareAnId() throws Exception {
        TestingServer server = new TestingServer();
        closeables.add(server);
        int slots = 24;
        enis.addBrokerEnis("KAFKA-", slots, AZ);
        ZkClaimStore store = new ZkClaimStore(connect(server.getConnectString()), "", CLUSTER);

        // Round 1: 32 instances boot at once for 24 slots: 24 win distinct ids, 8 are told there is none.
        List<String> round1 = instanceIds("a", 32);
        Map<String, Optional<Integer>> first = claimConcurrently(server.getConnectString(), round1, slots);
        assertNoDuplicates(first);
        assertThat(first.values().stream().filter(Optional::isPresent)).hasSize(slots);
        assertStoreAgrees(store, first);

        // Round 2: every winner dies; 32 replacements race for the 24 stale ids.
        first.forEach((instance, id) -> instances.put(instance, id.isPresent() ? InstanceState.TERMINATED : InstanceState.RUNNING));
        Map<String, Optional<Integer>> second = claimConcurrently(server.getConnectString(), instanceIds("b", 32), slots);
        assertNoDuplicates(second);
        assertThat(second.values().stream().filter(Optional::isPresent)).hasSize(slots);
        assertStoreAgrees(store, second);

        // Round 3: half of them die; 32 more compete for exactly those 12 ids, while the live ones keep theirs.
        List<Integer> freed = new ArrayList<>();
        second.forEach((instance, id) -> {
            boolean dies = id.isPresent() && id.get() % 2 == 0;
            instances.put(instance, dies ? InstanceState.SHUTTING_DOWN : InstanceState.RUNNING);
            if (dies) {
                freed.add(id.get());
            }
        });
        Map<String, Optional<Integer>> third = claimConcurrently(server.getConnectString(), instanceIds("c", 32), slots);
        assertNoDuplicates(third);
        assertThat(third.values().stream().flatMap(Optional::stream)).containsExactlyInAnyOrderElementsOf(freed);
        assertStoreAgrees(store, third);
        second.forEach((instance, id) -> id.filter(i -> i % 2 == 1)
                .ifPresent(i -> assertThat(store.read(i).orElseThrow().isOwnedBy(instance)).isTrue()));
    }

    @Test
    void sessionExpiryInTheMiddleOfAClaimKeepsExactlyOneId() throws Exception {
        TestingServer server = new TestingServer();
        closeables.add(server);
        enis.addBrokerEnis("KAFKA-", 8, AZ);
        CuratorFramework client = connect(server.getConnectString());
        AtomicBoolean expireBeforeWrite = new AtomicBoolean(true);
        AtomicBoolean expireAfterWrite = new AtomicBoolean(true);
        ClaimStore expiring = new BrokerIdClaimerTest.DelegatingClaimStore(new ZkClaimStore(client, "", CLUSTER)) {
            @Override
            public boolean create(int brokerId, ClaimData data) {
                if (expireBeforeWrite.getAndSet(false)) {
                    expire(client);
                }
                boolean created = super.create(brokerId, data);
                if (expireAfterWrite.getAndSet(false)) {
                    expire(client);
                }
                return created;
            }
        };
        // Peers racing on other sessions while ours expires.
        ExecutorService peers = Executors.newFixedThreadPool(4);
        List<Future<Optional<Integer>>> peerResults = new ArrayList<>();
        for (String peer : List.of("i-peer1", "i-peer2", "i-peer3", "i-peer4")) {
            CuratorFramework peerClient = connect(server.getConnectString());
            peerResults.add(peers.submit((Callable<Optional<Integer>>) () -> Optional.of(claimer(peerClient,
                    new ZkClaimStore(peerClient, "", CLUSTER)).claim(new InstanceIdentity(peer, AZ), 8).brokerId())));
        }

        ClaimResult mine = claimer(client, expiring).claim(new InstanceIdentity("i-mine", AZ), 8);

        List<Integer> all = new ArrayList<>(List.of(mine.brokerId()));
        for (Future<Optional<Integer>> f : peerResults) {
            all.add(f.get().orElseThrow());
        }
        peers.shutdown();
        assertThat(all).doesNotHaveDuplicates();
        ZkClaimStore store = new ZkClaimStore(connect(server.getConnectString()), "", CLUSTER);
        assertThat(store.readAll().values().stream().filter(c -> c.isOwnedBy("i-mine"))).hasSize(1);
        ClaimResult again = claimer(client, new ZkClaimStore(client, "", CLUSTER)).claim(new InstanceIdentity("i-mine", AZ), 8);
        assertThat(again.brokerId()).isEqualTo(mine.brokerId());
        assertThat(again.changed()).isFalse();
    }

    private static void expire(CuratorFramework client) {
        try {
            client.getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void killingTheQuorumLeaderDuringClaimsNeverDuplicatesAnId() throws Exception {
        TestingCluster cluster = new TestingCluster(3);
        closeables.add(cluster);
        cluster.start();
        int slots = 32;
        enis.addBrokerEnis("KAFKA-", slots, AZ);
        String connectString = cluster.getConnectString();
        connect(connectString); // wait for the ensemble to serve

        List<String> claimers = instanceIds("q", slots);
        // The claimer that makes the 8th create kills the leader first, so 25 claims happen after the kill.
        AtomicInteger creates = new AtomicInteger();
        AtomicReference<InstanceSpec> killed = new AtomicReference<>();
        UnaryOperator<ClaimStore> killingTheLeader = store -> new BrokerIdClaimerTest.DelegatingClaimStore(store) {
            @Override
            public boolean create(int brokerId, ClaimData data) {
                if (creates.incrementAndGet() == 8) {
                    try {
                        InstanceSpec leader = leaderOf(cluster);
                        cluster.killServer(leader);
                        killed.set(leader);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return super.create(brokerId, data);
            }
        };

        Map<String, Optional<Integer>> results;
        try {
            results = claimConcurrently(connectString, claimers, slots, killingTheLeader);
        } catch (ExecutionException e) {
            // A claimer whose retries ran out during the election fails with exit 6; its boot would be retried.
            assertThat(e.getCause()).isInstanceOf(DependencyUnreachableException.class);
            results = claimConcurrently(connectString, claimers, slots);
        }
        assertThat(killed.get()).as("the leader was killed during the claims").isNotNull();

        assertNoDuplicates(results);
        assertThat(results.values()).allMatch(Optional::isPresent);
        ZkClaimStore store = new ZkClaimStore(connect(connectString), "", CLUSTER);
        assertStoreAgrees(store, results);
        assertThat(store.readAll()).hasSize(slots);
    }

    /** Asks each server with the "srvr" four-letter word (whitelisted by default) which one leads. */
    private static InstanceSpec leaderOf(TestingCluster cluster) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            for (InstanceSpec spec : cluster.getInstances()) {
                try (Socket socket = new Socket("127.0.0.1", spec.getPort())) {
                    socket.getOutputStream().write("srvr".getBytes(StandardCharsets.US_ASCII));
                    String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    if (reply.contains("Mode: leader")) {
                        return spec;
                    }
                } catch (IOException notServing) {
                    // try the next one
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the test cluster elected no leader");
    }

    @Test
    void aStaleClaimIsTakenOverOnceTheDyingOwnersRegistrationGoesAndALiveOneIsNot() throws Exception {
        TestingServer server = new TestingServer();
        closeables.add(server);
        enis.addBrokerEnis("KAFKA-", 2, AZ);
        CuratorFramework client = connect(server.getConnectString());
        ZkClaimStore store = new ZkClaimStore(client, "", CLUSTER);
        claimer(client, store).claim(new InstanceIdentity("i-live", AZ), 2);
        claimer(client, store).claim(new InstanceIdentity("i-dead", AZ), 2);
        instances.put("i-live", InstanceState.RUNNING).put("i-dead", InstanceState.SHUTTING_DOWN);
        // The dying broker's ephemeral registration outlives its instance's termination until Kafka stops or its
        // session times out.
        CuratorFramework deadBroker = connect(server.getConnectString());
        deadBroker.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath("/brokers/ids/1");
        CuratorFramework liveBroker = connect(server.getConnectString());
        liveBroker.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath("/brokers/ids/0");

        // The claimer waits on a manual clock: its first sleep is where the dying broker's session ends.
        ManualClock clock = new ManualClock(Instant.now());
        List<String> progress = new ArrayList<>();
        AtomicInteger sleeps = new AtomicInteger();
        ResourceWaiter waiter = new ResourceWaiter(clock, d -> {
            if (sleeps.getAndIncrement() == 0) {
                assertThat(new ZkBrokerRegistry(client, "").isRegistered(1)).as("still registered while we wait").isTrue();
                deadBroker.close(); // ends the session: ZooKeeper deletes its ephemeral nodes before it answers
            }
            clock.advance(d);
        }, progress::add);
        SlotInspector inspector = new SlotInspector(instances, new ZkBrokerRegistry(client, ""),
                new OwnerLiveness(clock, Duration.ofMinutes(10)));
        BrokerIdClaimer replacement = new BrokerIdClaimer(store, new SlotCatalog(enis, "KAFKA-"), inspector,
                new LeavingInstances(ids -> Map.of()), waiter, Duration.ofSeconds(300));

        ClaimResult result = replacement.claim(new InstanceIdentity("i-new", AZ), 2);

        assertThat(sleeps.get()).isEqualTo(1);
        assertThat(progress.get(0)).contains("id 1 of i-dead (shutting-down, registered at /brokers/ids/1)");
        assertThat(result.brokerId()).isEqualTo(1);
        assertThat(result.takenOverFrom()).contains("i-dead");
        assertThat(store.read(0).orElseThrow().isOwnedBy("i-live")).isTrue();
        assertThat(store.read(1).orElseThrow().data().orElseThrow().takenOverFrom()).isEqualTo("i-dead");
        assertThat(client.checkExists().forPath("/brokers/ids/0")).as("the live broker's registration").isNotNull();
        // Waiting left no ticket in the line behind it.
        assertThat(client.getChildren().forPath("/kafka-aas/" + CLUSTER + "/claims"))
                .noneMatch(child -> child.contains("waiting~"));
    }
}
