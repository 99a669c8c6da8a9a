package io.kafkaaas.localcloud;

import io.kafkaaas.claim.LeavingInstances;
import io.kafkaaas.aws.Ec2Clients;
import io.kafkaaas.aws.Ec2InstanceDirectory;
import io.kafkaaas.aws.Ec2NetworkInterfaces;
import io.kafkaaas.claim.EniClaimer;
import io.kafkaaas.claim.EniHolders;
import io.kafkaaas.claim.NoFreeBrokerIdException;
import io.kafkaaas.claim.SlotCatalog;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.Sleeper;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.testing.LocalCloudFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ENI claim store's race, for real: 64 claimers at once (threads, each with the helper's real SDK adapters) against
 * the local cloud's EC2 API, whose AttachNetworkInterface is the only lock. First boots, then replacement waves in
 * which the old holders are terminated, some before and some while the new instances claim. After every wave: no ENI,
 * and so no id, is held by two instances, no instance holds two, every winner holds the ENI of its id, and the winners
 * of each AZ hold exactly the lowest ids that were free there (the others exit 3).
 */
class EniClaimRaceTest {
    private static final CloudTimings TIMINGS = LocalCloudFixture.QUICK;
    private static final String A = "us-east-1a";
    private static final String B = "us-east-1b";
    private static final String C = "us-east-1c";

    @TempDir
    Path workdir;
    private LocalCloudFixture cloud;
    private Ec2Client ec2;

    @BeforeEach
    void setUp() {
        cloud = new LocalCloudFixture(workdir, TIMINGS);
        ec2 = Ec2Clients.ec2(cloud.awsSettings(3, Duration.ofSeconds(30)), LocalCloudFixture.REGION);
    }

    @AfterEach
    void tearDown() {
        ec2.close();
        cloud.close();
    }

    /** What one claimer got: its id, or empty for exit 3 (with the message). */
    private record Outcome(String az, Optional<Integer> id, String message) {
    }

    private EniClaimer claimer(CountDownLatch waiting) {
        Ec2NetworkInterfaces enis = new Ec2NetworkInterfaces(ec2, "local cloud");
        AtomicBoolean counted = new AtomicBoolean();
        ResourceWaiter waiter = new ResourceWaiter(Clock.systemUTC(), Sleeper.system(), line -> {
            if (line.contains("held by dying instances") && !counted.getAndSet(true)) {
                waiting.countDown();
            }
        });
        return new EniClaimer(enis, new SlotCatalog(enis, "KAFKA-"), new EniHolders(new Ec2InstanceDirectory(ec2, "local cloud")),
                new LeavingInstances(ids -> Map.of()), waiter, 1, Duration.ofSeconds(120));
    }

    private List<CloudInstance> launch(String az, int count) {
        return IntStream.range(0, count).mapToObj(i -> cloud.running(az)).toList();
    }

    /** Every claimer starts at the same moment. whileWaiting runs once each of them has seen a dying holder (if given). */
    private Map<String, Outcome> claimTogether(List<CloudInstance> instances, int brokerCount, Runnable whileWaiting)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(instances.size());
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        Map<String, Future<Outcome>> futures = new LinkedHashMap<>();
        for (CloudInstance instance : instances) {
            EniClaimer claimer = claimer(waiting);
            futures.put(instance.id(), pool.submit(() -> {
                start.await();
                try {
                    int id = claimer.claim(new InstanceIdentity(instance.id(), instance.availabilityZone()), brokerCount).brokerId();
                    return new Outcome(instance.availabilityZone(), Optional.of(id), "");
                } catch (NoFreeBrokerIdException e) {
                    return new Outcome(instance.availabilityZone(), Optional.empty(), e.getMessage());
                }
            }));
        }
        start.countDown();
        if (whileWaiting != null) {
            assertThat(waiting.await(60, TimeUnit.SECONDS)).as("every claimer saw the dying holders; %s", done(futures)).isTrue();
            whileWaiting.run();
        }
        Map<String, Outcome> outcomes = new HashMap<>();
        for (Map.Entry<String, Future<Outcome>> f : futures.entrySet()) {
            outcomes.put(f.getKey(), f.getValue().get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return outcomes;
    }

    /** What the claimers that finished already got, for the message of a failed wait. */
    private static String done(Map<String, Future<Outcome>> futures) {
        StringBuilder out = new StringBuilder("finished: ");
        futures.forEach((instance, f) -> {
            if (f.isDone()) {
                try {
                    out.append(instance).append('=').append(f.get().id()).append(' ');
                } catch (Exception e) {
                    out.append(instance).append('=').append(e.getCause()).append(' ');
                }
            }
        });
        return out.toString();
    }

    /** The invariant, from the cloud's own state: one holder per ENI, at most one broker ENI per live instance. */
    private void assertEveryWinnerHoldsItsIdAlone(Map<String, Outcome> outcomes) {
        Map<String, List<String>> heldBy = new HashMap<>();
        for (CloudEni eni : cloud.cloud().networkInterfaces()) {
            eni.attachment().ifPresent(a -> {
                if (!cloud.cloud().instance(a.instanceId()).state().equals("terminated")) {
                    heldBy.computeIfAbsent(a.instanceId(), k -> new ArrayList<>()).add(eni.name());
                }
            });
        }
        heldBy.forEach((instance, names) -> assertThat(names).as("broker ENIs of %s", instance).hasSize(1));
        List<Integer> won = outcomes.values().stream().flatMap(o -> o.id().stream()).toList();
        assertThat(won).as("ids won in this wave").doesNotHaveDuplicates();
        outcomes.forEach((instance, o) -> o.id().ifPresent(id -> assertThat(heldBy.get(instance))
                .as("%s won %d", instance, id).containsExactly("KAFKA-" + id)));
    }

    private static List<Integer> wonIn(Map<String, Outcome> outcomes, String az) {
        return outcomes.values().stream().filter(o -> o.az().equals(az)).flatMap(o -> o.id().stream()).sorted().toList();
    }

    private static long exit3In(Map<String, Outcome> outcomes, String az) {
        return outcomes.values().stream().filter(o -> o.az().equals(az) && o.id().isEmpty()).count();
    }

    private List<CloudInstance> holdersOf(Map<String, Outcome> outcomes, List<Integer> ids) {
        List<CloudInstance> holders = new ArrayList<>();
        outcomes.forEach((instance, o) -> o.id().filter(ids::contains).ifPresent(i -> holders.add(cloud.cloud().instance(instance))));
        return holders;
    }

    private void terminate(List<CloudInstance> holders) {
        holders.forEach(h -> cloud.cloud().terminate(h.id()));
    }

    /** Lets the terminations finish: each OS shutdown schedules its termination, which the test's clock then runs. */
    private void finishTerminating(List<CloudInstance> holders) {
        try {
            while (holders.stream().anyMatch(h -> !h.state().equals("terminated"))) {
                cloud.awaitScheduled("by the OS shutdown of the old holders");
                cloud.advance(TIMINGS.shutdown());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void sixtyFourClaimersInOneZoneThenReplacementWaves() throws Exception {
        cloud.brokers(80, A);

        // First boot: 64 claimers for 80 free ids get exactly the lowest 64.
        Map<String, Outcome> first = claimTogether(launch(A, 64), 80, null);
        assertEveryWinnerHoldsItsIdAlone(first);
        assertThat(wonIn(first, A)).containsExactlyElementsOf(IntStream.range(0, 64).boxed().toList());

        // 24 more for the 16 left: 16 win them, 8 exit 3 naming every slot's holder and its state.
        Map<String, Outcome> second = claimTogether(launch(A, 24), 80, null);
        assertEveryWinnerHoldsItsIdAlone(second);
        assertThat(wonIn(second, A)).containsExactlyElementsOf(IntStream.range(64, 80).boxed().toList());
        assertThat(exit3In(second, A)).isEqualTo(8);
        assertThat(second.values().stream().filter(o -> o.id().isEmpty()).findFirst().orElseThrow().message())
                .contains("0 i-", "(running, a live instance; attachment attached)", "79 i-");

        // Replacement wave, holders dying while the replacements claim: every even id below 64 is freed, and 40
        // replacements all wait for them (never detaching), then get exactly those 32 ids; 8 exit 3.
        List<Integer> even = IntStream.range(0, 32).map(i -> 2 * i).boxed().toList();
        List<CloudInstance> dying = holdersOf(first, even);
        List<CloudInstance> replacements = launch(A, 40); // launching moves the cloud's clock: before the terminations
        terminate(dying);
        Map<String, Outcome> third = claimTogether(replacements, 80, () -> finishTerminating(dying));
        assertEveryWinnerHoldsItsIdAlone(third);
        assertThat(wonIn(third, A)).containsExactlyElementsOf(even);
        assertThat(exit3In(third, A)).isEqualTo(8);

        // Replacement wave, holders gone before: 16 ids freed, 8 replacements get the lowest 8 of them.
        List<Integer> freed = IntStream.range(0, 16).map(i -> 64 + i).boxed().toList();
        List<CloudInstance> gone = holdersOf(second, freed);
        terminate(gone);
        finishTerminating(gone);
        Map<String, Outcome> fourth = claimTogether(launch(A, 8), 80, null);
        assertEveryWinnerHoldsItsIdAlone(fourth);
        assertThat(wonIn(fourth, A)).containsExactlyElementsOf(freed.subList(0, 8));
    }

    @Test
    void sixtyFourClaimersInThreeZonesEachGetTheLowestFreeIdsOfTheirZone() throws Exception {
        cloud.brokers(90, A, B, C); // id i in zone i mod 3: 30 per zone
        List<Integer> inA = IntStream.range(0, 30).map(i -> 3 * i).boxed().toList();
        List<Integer> inB = IntStream.range(0, 30).map(i -> 3 * i + 1).boxed().toList();
        List<Integer> inC = IntStream.range(0, 30).map(i -> 3 * i + 2).boxed().toList();

        List<CloudInstance> firstBoot = new ArrayList<>(launch(A, 22));
        firstBoot.addAll(launch(B, 30));
        firstBoot.addAll(launch(C, 12));
        Map<String, Outcome> first = claimTogether(firstBoot, 90, null);
        assertEveryWinnerHoldsItsIdAlone(first);
        assertThat(wonIn(first, A)).containsExactlyElementsOf(inA.subList(0, 22));
        assertThat(wonIn(first, B)).containsExactlyElementsOf(inB);
        assertThat(wonIn(first, C)).containsExactlyElementsOf(inC.subList(0, 12));

        // Replacement wave: the holders of every id below 30 die while 26 replacements claim; A has 2 more claimers
        // than dying holders (its 8 free ids go first), B exactly as many, C one more than its free and dying ids.
        List<Integer> dyingIds = IntStream.range(0, 30).boxed().filter(id -> first.values().stream()
                .anyMatch(o -> o.id().equals(Optional.of(id)))).toList();
        List<CloudInstance> dying = holdersOf(first, dyingIds);
        List<Integer> dyingA = dyingIds.stream().filter(inA::contains).toList();
        List<Integer> dyingB = dyingIds.stream().filter(inB::contains).toList();
        List<Integer> dyingC = dyingIds.stream().filter(inC::contains).toList();
        List<CloudInstance> replacements = new ArrayList<>(launch(A, 8 + dyingA.size() + 2));
        replacements.addAll(launch(B, dyingB.size()));
        replacements.addAll(launch(C, 18 + dyingC.size() + 1));
        terminate(dying);
        // The ones that find a free id claim it at once; the rest wait for the dying holders.
        Map<String, Outcome> second = claimTogetherThenRelease(replacements, dying, 8 + 18);
        assertEveryWinnerHoldsItsIdAlone(second);
        List<Integer> expectedA = new ArrayList<>(dyingA);
        expectedA.addAll(inA.subList(22, 30));
        assertThat(wonIn(second, A)).containsExactlyInAnyOrderElementsOf(expectedA);
        assertThat(exit3In(second, A)).isEqualTo(2);
        assertThat(wonIn(second, B)).containsExactlyElementsOf(dyingB);
        List<Integer> expectedC = new ArrayList<>(dyingC);
        expectedC.addAll(inC.subList(12, 30));
        assertThat(wonIn(second, C)).containsExactlyInAnyOrderElementsOf(expectedC);
        assertThat(exit3In(second, C)).isEqualTo(1);
    }

    /**
     * Claims together while the dying holders still shut down; their terminations finish once every claimer that
     * found no free id has seen them (freeIds claimers find a free one and never wait).
     */
    private Map<String, Outcome> claimTogetherThenRelease(List<CloudInstance> instances, List<CloudInstance> dying, int freeIds)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(instances.size() - freeIds);
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        Map<String, Future<Outcome>> futures = new LinkedHashMap<>();
        for (CloudInstance instance : instances) {
            EniClaimer claimer = claimer(waiting);
            futures.put(instance.id(), pool.submit(() -> {
                start.await();
                try {
                    int id = claimer.claim(new InstanceIdentity(instance.id(), instance.availabilityZone()), 90).brokerId();
                    return new Outcome(instance.availabilityZone(), Optional.of(id), "");
                } catch (NoFreeBrokerIdException e) {
                    return new Outcome(instance.availabilityZone(), Optional.empty(), e.getMessage());
                }
            }));
        }
        start.countDown();
        assertThat(waiting.await(60, TimeUnit.SECONDS)).as("the claimers without a free id saw the dying holders; %s",
                done(futures)).isTrue();
        finishTerminating(dying);
        Map<String, Outcome> outcomes = new HashMap<>();
        for (Map.Entry<String, Future<Outcome>> f : futures.entrySet()) {
            outcomes.put(f.getKey(), f.getValue().get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return outcomes;
    }
}
