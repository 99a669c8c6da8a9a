package io.kafkaaas.claim;

import io.kafkaaas.core.Sleeper;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.testing.EmbeddedZooKeeper;
import io.kafkaaas.testing.FakeInstanceDirectory;
import io.kafkaaas.testing.FakeNetworkInterfaces;
import io.kafkaaas.testing.ZooKeeperAnswerDropper;
import io.kafkaaas.zk.ZkBrokerRegistry;
import io.kafkaaas.zk.ZkClaimStore;
import io.kafkaaas.zk.ZkConnectString;
import io.kafkaaas.zk.ZooKeeperConnector;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The claimers' line and the owner index against a real ZooKeeper: fewer claimers than free ids take the lowest
 * ones, an answer lost after the multi landed still gives exactly one claim, and index entries that disagree with
 * the claims (written by an older kafka-aas, or left stale) never decide anything the claims contradict.
 */
class ZooKeeperClaimLineTest {
    private static final String AZ = "us-east-1a";
    private static final String CLUSTER = "line";
    private static final String CLAIMS = ZkClaimStore.claimsPath(CLUSTER);

    private final FakeInstanceDirectory instances = new FakeInstanceDirectory();
    private final FakeNetworkInterfaces enis = new FakeNetworkInterfaces();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    @RegisterExtension
    final EmbeddedZooKeeper zookeeper = new EmbeddedZooKeeper();
    private ZkClaimStore observer;
    private CuratorFramework observerClient;

    @BeforeEach
    void start() {
        observerClient = connect(zookeeper.connectString());
        observer = new ZkClaimStore(observerClient, "", CLUSTER);
    }

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

    private BrokerIdClaimer claimer(CuratorFramework client) {
        SlotInspector inspector = new SlotInspector(instances, new ZkBrokerRegistry(client, ""),
                new OwnerLiveness(Clock.systemUTC(), Duration.ofMinutes(10)));
        return new BrokerIdClaimer(new ZkClaimStore(client, "", CLUSTER), new SlotCatalog(enis, "KAFKA-"), inspector,
                new LeavingInstances(ids -> Map.of()), new ResourceWaiter(Clock.systemUTC(), Sleeper.system()), Duration.ZERO);
    }

    private ClaimResult claim(String instanceId, int brokerCount) {
        instances.put(instanceId, InstanceState.RUNNING);
        return claimer(observerClient).claim(new InstanceIdentity(instanceId, AZ), brokerCount);
    }

    private void writeLegacyClaim(int id, String owner) throws Exception {
        observerClient.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).forPath(CLAIMS + "/" + id,
                ("{\"instanceId\":\"" + owner + "\",\"availabilityZone\":\"" + AZ + "\",\"claimedAt\":\"2026-01-01T00:00:00Z\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private void writeIndexEntry(int id, String owner) throws Exception {
        observerClient.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).forPath(CLAIMS + "/" + id + "-" + owner);
    }

    @Test
    void fewerClaimersThanFreeIdsTakeTheLowestFreeIds() throws Exception {
        enis.addBrokerEnis("KAFKA-", 24, AZ);
        claim("i-keep0", 24);
        ClaimResult leaving = claim("i-gone1", 24);
        claim("i-keep2", 24);
        new ClaimReleaser(observer).release("i-gone1");
        assertThat(leaving.brokerId()).isEqualTo(1);

        List<String> claimers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claimers.add("i-new" + i);
            instances.put("i-new" + i, InstanceState.RUNNING);
        }
        List<CuratorFramework> clients = new ArrayList<>();
        claimers.forEach(c -> clients.add(connect(zookeeper.connectString())));
        ExecutorService pool = Executors.newFixedThreadPool(claimers.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> ids = new ArrayList<>();
        for (int i = 0; i < claimers.size(); i++) {
            BrokerIdClaimer claimer = claimer(clients.get(i));
            InstanceIdentity me = new InstanceIdentity(claimers.get(i), AZ);
            ids.add(pool.submit(() -> {
                go.await();
                return claimer.claim(me, 24).brokerId();
            }));
        }
        go.countDown();
        List<Integer> won = new ArrayList<>();
        for (Future<Integer> id : ids) {
            won.add(id.get());
        }
        pool.shutdown();

        assertThat(won).containsExactlyInAnyOrder(1, 3, 4, 5, 6, 7, 8, 9);
        ClaimBoard board = observer.board();
        assertThat(board.line()).as("nobody left waiting").isEmpty();
        assertThat(board.claimed()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        observer.readAll().forEach((id, c) -> assertThat(board.entries(id)).containsExactly(c.ownerLabel()));
    }

    @Test
    void anAnswerLostAfterTheClaimLandedGivesExactlyOneClaim() throws Exception {
        enis.addBrokerEnis("KAFKA-", 4, AZ);
        claim("i-first", 4);
        ZooKeeperAnswerDropper dropper = new ZooKeeperAnswerDropper(zookeeper.port());
        closeables.add(dropper);
        CuratorFramework client = connect(dropper.connectString());
        instances.put("i-mine", InstanceState.RUNNING);

        dropper.loseTheAnswerToTheNextMulti();
        ClaimResult mine = claimer(client).claim(new InstanceIdentity("i-mine", AZ), 4);

        assertThat(dropper.answersLost()).as("the multi's answer was lost and retried").isEqualTo(1);
        assertThat(mine.brokerId()).isEqualTo(1);
        assertThat(mine.changed()).isTrue();
        assertThat(observer.readAll().values().stream().filter(c -> c.isOwnedBy("i-mine"))).hasSize(1);
        ClaimBoard board = observer.board();
        assertThat(board.indexed()).containsExactly(entry(0, List.of("i-first")), entry(1, List.of("i-mine")));
        assertThat(board.line()).isEmpty();
        ClaimResult again = claimer(client).claim(new InstanceIdentity("i-mine", AZ), 4);
        assertThat(again.brokerId()).isEqualTo(1);
        assertThat(again.changed()).isFalse();
    }

    @Test
    void anAnswerLostAfterATakeoverLandedGivesExactlyOneClaim() throws Exception {
        enis.addBrokerEnis("KAFKA-", 2, AZ);
        claim("i-live", 2);
        claim("i-dead", 2);
        instances.put("i-dead", InstanceState.TERMINATED);
        ZooKeeperAnswerDropper dropper = new ZooKeeperAnswerDropper(zookeeper.port());
        closeables.add(dropper);
        CuratorFramework client = connect(dropper.connectString());
        instances.put("i-mine", InstanceState.RUNNING);

        dropper.loseTheAnswerToTheNextMulti();
        ClaimResult mine = claimer(client).claim(new InstanceIdentity("i-mine", AZ), 2);

        assertThat(dropper.answersLost()).isEqualTo(1);
        assertThat(mine.brokerId()).isEqualTo(1);
        assertThat(observer.read(1).orElseThrow().isOwnedBy("i-mine")).isTrue();
        assertThat(observer.read(1).orElseThrow().version()).as("one setData, not two").isEqualTo(1);
        assertThat(observer.board().indexed()).containsExactly(entry(0, List.of("i-live")), entry(1, List.of("i-mine")));
        assertThat(observer.board().line()).isEmpty();
    }

    @Test
    void indexEntriesThatDisagreeWithTheClaimsDecideNothing() throws Exception {
        enis.addBrokerEnis("KAFKA-", 4, AZ);
        // 0: an older kafka-aas took it over from i-dead and left the index naming i-dead.
        writeLegacyClaim(0, "i-live");
        writeIndexEntry(0, "i-dead");
        // 1: a stale entry naming the next claimer, without a claim; 2: a stale entry of someone else.
        writeIndexEntry(1, "i-new");
        writeIndexEntry(2, "i-gone");
        // 3: a claim from before the index existed.
        writeLegacyClaim(3, "i-legacy");
        instances.put("i-live", InstanceState.RUNNING).put("i-dead", InstanceState.TERMINATED)
                .put("i-legacy", InstanceState.RUNNING).put("i-gone", InstanceState.TERMINATED);

        ClaimResult first = claim("i-new", 4);
        assertThat(first.brokerId()).as("the entry naming i-new is not its claim").isEqualTo(1);
        assertThat(first.changed()).isTrue();
        assertThat(claim("i-next", 4).brokerId()).as("a stale entry leaves the id free").isEqualTo(2);
        assertThatThrownBy(() -> claim("i-third", 4))
                .as("the index names a dead owner for 0, the claim a live one")
                .isInstanceOf(NoFreeBrokerIdException.class)
                .hasMessageContaining("0 i-live (running");
        assertThat(claim("i-legacy", 4).changed()).as("rule 1 for a claim from before the index").isFalse();

        assertThat(observer.read(0).orElseThrow().isOwnedBy("i-live")).isTrue();
        assertThat(observer.board().indexed()).as("the index repaired from the claims").containsExactly(
                entry(0, List.of("i-live")), entry(1, List.of("i-new")), entry(2, List.of("i-next")), entry(3, List.of("i-legacy")));
        assertThat(observer.board().line()).isEmpty();
    }

    @Test
    void aReplacementWaveTakesOverEveryDeadOwnersIdOnce() throws Exception {
        int slots = 16;
        enis.addBrokerEnis("KAFKA-", slots, AZ);
        for (int i = 0; i < slots; i++) {
            claim("i-old" + i, slots);
            instances.put("i-old" + i, InstanceState.TERMINATED);
        }
        List<CuratorFramework> clients = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            clients.add(connect(zookeeper.connectString()));
            instances.put("i-repl" + i, InstanceState.RUNNING);
        }
        ExecutorService pool = Executors.newFixedThreadPool(slots);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ClaimResult>> results = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            BrokerIdClaimer claimer = claimer(clients.get(i));
            InstanceIdentity me = new InstanceIdentity("i-repl" + i, AZ);
            results.add(pool.submit(() -> {
                go.await();
                return claimer.claim(me, slots);
            }));
        }
        go.countDown();
        List<Integer> ids = new ArrayList<>();
        for (Future<ClaimResult> result : results) {
            ClaimResult r = result.get();
            assertThat(r.takenOverFrom()).isPresent();
            ids.add(r.brokerId());
        }
        pool.shutdown();

        assertThat(ids).doesNotHaveDuplicates().hasSize(slots);
        Map<Integer, Claim> claims = observer.readAll();
        claims.forEach((id, c) -> {
            assertThat(c.ownerLabel()).startsWith("i-repl");
            assertThat(observer.board().entries(id)).containsExactly(c.ownerLabel());
        });
    }

    @Test
    void aSessionThatEndsWhileInLineStillClaimsExactlyOneId() throws Exception {
        enis.addBrokerEnis("KAFKA-", 8, AZ);
        CuratorFramework client = connect(zookeeper.connectString());
        instances.put("i-mine", InstanceState.RUNNING);
        ZkClaimStore real = new ZkClaimStore(client, "", CLUSTER);
        AtomicBoolean endSession = new AtomicBoolean(true);
        ClaimStore ending = new LineDelegate(real) {
            @Override
            public boolean createInLine(int brokerId, ClaimData data, String ticket, ClaimBoard seen) {
                if (endSession.getAndSet(false)) {
                    endSessionOnTheServer(client); // our ticket leaves the line with the session
                }
                return super.createInLine(brokerId, data, ticket, seen);
            }
        };
        ExecutorService peers = Executors.newFixedThreadPool(4);
        List<Future<Integer>> peerIds = new ArrayList<>();
        for (String peer : List.of("i-peer1", "i-peer2", "i-peer3", "i-peer4")) {
            BrokerIdClaimer claimer = claimer(connect(zookeeper.connectString()));
            instances.put(peer, InstanceState.RUNNING);
            peerIds.add(peers.submit(() -> claimer.claim(new InstanceIdentity(peer, AZ), 8).brokerId()));
        }
        SlotInspector inspector = new SlotInspector(instances, new ZkBrokerRegistry(client, ""),
                new OwnerLiveness(Clock.systemUTC(), Duration.ofMinutes(10)));
        ClaimResult mine = new BrokerIdClaimer(ending, new SlotCatalog(enis, "KAFKA-"), inspector,
                new LeavingInstances(ids -> Map.of()), new ResourceWaiter(Clock.systemUTC(), Sleeper.system()), Duration.ZERO)
                .claim(new InstanceIdentity("i-mine", AZ), 8);

        List<Integer> all = new ArrayList<>(List.of(mine.brokerId()));
        for (Future<Integer> id : peerIds) {
            all.add(id.get());
        }
        peers.shutdown();
        assertThat(endSession.get()).as("the session was ended in the middle of the claim").isFalse();
        assertThat(all).doesNotHaveDuplicates();
        assertThat(observer.readAll().values().stream().filter(c -> c.isOwnedBy("i-mine"))).hasSize(1);
        assertThat(observer.board().line()).isEmpty();
        assertThat(observer.board().entries(mine.brokerId())).containsExactly("i-mine");
    }

    /** Ends the client's session on the server, as a partition longer than the session timeout would. */
    private static void endSessionOnTheServer(CuratorFramework client) {
        try {
            ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
            CountDownLatch connected = new CountDownLatch(1);
            ZooKeeper twin = new ZooKeeper(client.getZookeeperClient().getCurrentConnectionString(), 30_000,
                    e -> connected.countDown(), zk.getSessionId(), zk.getSessionPasswd());
            connected.await();
            twin.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A ZooKeeper store seen through both ports, for tests that step in between the claimer and the store. */
    static class LineDelegate extends BrokerIdClaimerTest.DelegatingClaimStore implements ClaimQueue {
        private final ZkClaimStore line;

        LineDelegate(ZkClaimStore line) {
            super(line);
            this.line = line;
        }

        @Override
        public ClaimBoard board() {
            return line.board();
        }

        @Override
        public ClaimBoard awaitChange(ClaimBoard seen, Duration patience) {
            return line.awaitChange(seen, patience);
        }

        @Override
        public String join(String instanceId, String availabilityZone) {
            return line.join(instanceId, availabilityZone);
        }

        @Override
        public void leave(String ticket) {
            line.leave(ticket);
        }

        @Override
        public boolean createInLine(int brokerId, ClaimData data, String ticket, ClaimBoard seen) {
            return line.createInLine(brokerId, data, ticket, seen);
        }

        @Override
        public boolean replaceInLine(Claim expected, ClaimData data, String ticket, ClaimBoard seen) {
            return line.replaceInLine(expected, data, ticket, seen);
        }

        @Override
        public void reindex(Claim claim, ClaimBoard seen) {
            line.reindex(claim, seen);
        }
    }
}
