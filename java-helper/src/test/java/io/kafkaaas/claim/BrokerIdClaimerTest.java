package io.kafkaaas.claim;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.WaitTimeoutException;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.testing.FakeAutoScalingGroups;
import io.kafkaaas.testing.FakeInstanceDirectory;
import io.kafkaaas.testing.FakeNetworkInterfaces;
import io.kafkaaas.testing.InMemoryClaimStore;
import io.kafkaaas.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The claim rules against in-memory fakes of every port: fast, and each rule in isolation. */
class BrokerIdClaimerTest {
    private static final String AZ = "us-east-1a";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final InMemoryClaimStore store = new InMemoryClaimStore(clock);
    private final FakeInstanceDirectory instances = new FakeInstanceDirectory();
    private final FakeNetworkInterfaces enis = new FakeNetworkInterfaces();
    /** The owners' Auto Scaling group: asked only on the way to exit 3, whether an owner is leaving. */
    private final FakeAutoScalingGroups groups = new FakeAutoScalingGroups();
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    /** Every progress line of the claim's waiter, and every sleep: a claim that must not wait shows neither. */
    private final List<String> progress = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    /** Runs before each sleep of the waiter, as the world moving on while the claimer waits. */
    private Runnable whileWaiting = () -> { };

    private BrokerIdClaimer claimer(ClaimStore claimStore) {
        SlotInspector inspector = new SlotInspector(instances, store, new OwnerLiveness(clock, Duration.ofMinutes(10)));
        ResourceWaiter waiter = new ResourceWaiter(clock, d -> {
            sleeps.add(d);
            whileWaiting.run();
            clock.advance(d);
        }, progress::add);
        return new BrokerIdClaimer(claimStore, new SlotCatalog(enis, "KAFKA-"), inspector, new LeavingInstances(groups), waiter,
                TIMEOUT);
    }

    private ClaimResult claim(String instanceId, String az, int count) {
        return claimer(store).claim(new InstanceIdentity(instanceId, az), count);
    }

    private void holdAll(int count, InstanceState state) {
        for (int i = 0; i < count; i++) {
            String owner = "i-owner" + i;
            assertThat(claim(owner, AZ, count).brokerId()).isEqualTo(i);
            instances.put(owner, state);
        }
    }

    @Test
    void claimsTheLowestFreeEligibleIdAndRecordsItsEni() {
        enis.addBrokerEnis("KAFKA-", 3, AZ);
        ClaimResult result = claim("i-a", AZ, 3);

        assertThat(result.brokerId()).isZero();
        assertThat(result.changed()).isTrue();
        assertThat(result.eniId()).contains("eni-us-east-1a-0");
        ClaimData data = store.read(0).orElseThrow().data().orElseThrow();
        assertThat(data.instanceId()).isEqualTo("i-a");
        assertThat(data.availabilityZone()).isEqualTo(AZ);
        assertThat(data.claimedAt()).isEqualTo(clock.instant());
        assertThat(claim("i-b", AZ, 3).brokerId()).isEqualTo(1);
    }

    @Test
    void aReRunKeepsItsIdAndWritesNothing() {
        enis.addBrokerEnis("KAFKA-", 3, AZ);
        claim("i-a", AZ, 3);
        claim("i-b", AZ, 3);
        CountingClaimStore counting = new CountingClaimStore(store);

        ClaimResult again = claimer(counting).claim(new InstanceIdentity("i-b", AZ), 3);

        assertThat(again.brokerId()).isEqualTo(1);
        assertThat(again.changed()).isFalse();
        assertThat(counting.writes).isZero();
    }

    @Test
    void onlyIdsWhoseEniIsInThisZoneAreEligible() {
        enis.add("KAFKA-", 0, "us-east-1b");
        enis.add("KAFKA-", 1, "us-east-1b");
        enis.add("KAFKA-", 2, AZ);

        assertThat(claim("i-a", AZ, 3).brokerId()).isEqualTo(2);
        assertThatThrownBy(() -> claim("i-c", "us-east-1c", 3))
                .isInstanceOf(NoFreeBrokerIdException.class)
                .hasMessageContaining("no ENI tagged KAFKA-0..KAFKA-2 is in that AZ")
                .hasMessageContaining("0 in us-east-1b");
    }

    @Test
    void ignoresEnisBeyondTheBrokerCount() {
        enis.add("KAFKA-", 5, AZ);
        assertThatThrownBy(() -> claim("i-a", AZ, 3)).isInstanceOf(NoFreeBrokerIdException.class);
    }

    @Test
    void takesOverTheIdOfATerminatedOwner() {
        enis.addBrokerEnis("KAFKA-", 3, AZ);
        holdAll(3, InstanceState.RUNNING);
        instances.put("i-owner1", InstanceState.TERMINATED);

        ClaimResult result = claim("i-new", AZ, 3);

        assertThat(result.brokerId()).isEqualTo(1);
        assertThat(result.changed()).isTrue();
        assertThat(result.takenOverFrom()).contains("i-owner1");
        ClaimData data = store.read(1).orElseThrow().data().orElseThrow();
        assertThat(data.instanceId()).isEqualTo("i-new");
        assertThat(data.takenOverFrom()).isEqualTo("i-owner1");
    }

    @Test
    void takesOverTheIdOfAShuttingDownOwner() {
        enis.addBrokerEnis("KAFKA-", 2, AZ);
        holdAll(2, InstanceState.RUNNING);
        instances.put("i-owner0", InstanceState.SHUTTING_DOWN);
        assertThat(claim("i-new", AZ, 2).brokerId()).isZero();
    }

    @Test
    void neverTakesTheIdOfALiveOrStoppedOwnerAndListsEverySlot() {
        enis.addBrokerEnis("KAFKA-", 3, AZ);
        enis.add("KAFKA-", 3, "us-east-1b");
        holdAll(3, InstanceState.RUNNING);
        instances.put("i-owner2", InstanceState.STOPPED);

        assertThatThrownBy(() -> claim("i-new", AZ, 4))
                .isInstanceOf(NoFreeBrokerIdException.class)
                .satisfies(e -> assertThat(((NoFreeBrokerIdException) e).exitCode().code()).isEqualTo(3))
                .hasMessageContaining("no free broker id for i-new in us-east-1a (broker-count 4)")
                .hasMessageContaining("0 i-owner0 (running, alive) [ENI AZ us-east-1a]")
                .hasMessageContaining("2 i-owner2 (stopped, alive)")
                .hasMessageContaining("3 free [ENI AZ us-east-1b]");
        assertThat(store.read(0).orElseThrow().isOwnedBy("i-owner0")).isTrue();
    }

    @Test
    void anOwnerUnknownToEc2IsTakenOverOnlyAfterTheGracePeriod() {
        enis.addBrokerEnis("KAFKA-", 1, AZ);
        claim("i-ghost", AZ, 1); // EC2 never heard of it: just launched, or long gone

        assertThatThrownBy(() -> claim("i-new", AZ, 1)).isInstanceOf(NoFreeBrokerIdException.class)
                .hasMessageContaining("unknown, alive");
        clock.advance(Duration.ofMinutes(11));
        assertThat(claim("i-new", AZ, 1).takenOverFrom()).contains("i-ghost");
    }

    @Test
    void aLiveBrokerRegistrationOfAnOwnerUnknownToEc2BlocksTheTakeoverAtOnce() {
        enis.addBrokerEnis("KAFKA-", 1, AZ);
        claim("i-ghost", AZ, 1); // EC2 does not know it: nothing says it is going away, so nothing is waited for
        store.registerBroker(0);
        clock.advance(Duration.ofMinutes(11));

        assertThatThrownBy(() -> claim("i-new", AZ, 1)).isInstanceOf(NoFreeBrokerIdException.class)
                .hasMessageContaining("a live broker is still registered at /brokers/ids/0");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aDyingOwnersRegistrationThatGoesWhileWaitingIsTakenOver() {
        enis.addBrokerEnis("KAFKA-", 2, AZ);
        holdAll(2, InstanceState.RUNNING);
        instances.put("i-owner1", InstanceState.SHUTTING_DOWN); // the ASG terminates it; Kafka still shuts down
        store.registerBroker(0);
        store.registerBroker(1);
        Instant start = clock.instant();
        List<Instant> gone = new ArrayList<>();
        // Its controlled shutdown ends (or its session expires) 18 s into the wait.
        whileWaiting = () -> {
            if (gone.isEmpty() && !clock.instant().isBefore(start.plusSeconds(18))) {
                store.deregisterBroker(1);
                gone.add(clock.instant());
            }
        };

        ClaimResult result = claim("i-new", AZ, 2);

        assertThat(result.brokerId()).isEqualTo(1);
        assertThat(result.takenOverFrom()).contains("i-owner1");
        assertThat(store.read(1).orElseThrow().data().orElseThrow().instanceId()).isEqualTo("i-new");
        assertThat(store.read(0).orElseThrow().isOwnedBy("i-owner0")).isTrue();
        assertThat(gone).hasSize(1);
        // Taken at the first look after the registration went: one backoff step later at most.
        assertThat(Duration.between(gone.get(0), clock.instant())).isPositive().isLessThanOrEqualTo(ResourceWaiter.MAX_DELAY);
        assertThat(progress.get(0)).contains("a broker id for i-new in us-east-1a is held by dying owners")
                .contains("id 1 of i-owner1 (shutting-down, registered at /brokers/ids/1)");
        assertThat(progress.get(progress.size() - 1)).contains("is ready after");
    }

    @Test
    void aDyingOwnersRegistrationThatNeverGoesIsExit4AfterTheTimeout() {
        enis.addBrokerEnis("KAFKA-", 1, AZ);
        holdAll(1, InstanceState.TERMINATED);
        store.registerBroker(0);
        Instant start = clock.instant();

        assertThatThrownBy(() -> claim("i-new", AZ, 1)).isInstanceOf(WaitTimeoutException.class)
                .satisfies(e -> assertThat(((WaitTimeoutException) e).exitCode().code()).isEqualTo(4))
                .hasMessageContaining("a broker id for i-new in us-east-1a is still held by dying owners")
                .hasMessageContaining("id 0 of i-owner0 (terminated, registered at /brokers/ids/0)")
                .hasMessageContaining("waited 300 s")
                .hasMessageContaining("kafka-aas never deletes another instance's registration or claim");
        assertThat(Duration.between(start, clock.instant())).isEqualTo(TIMEOUT);
        assertThat(store.read(0).orElseThrow().isOwnedBy("i-owner0")).isTrue();
        assertThat(store.isRegistered(0)).isTrue();
        // One line when the wait starts, then one per progress tick (30 s, at the first look after it) while nothing
        // changes, not one per look: each names the id and the owner.
        long ticks = TIMEOUT.toSeconds() / ResourceWaiter.PROGRESS_EVERY.toSeconds();
        long slowestTicks = TIMEOUT.toSeconds() / ResourceWaiter.PROGRESS_EVERY.plus(ResourceWaiter.MAX_DELAY).toSeconds();
        assertThat(progress).hasSizeBetween((int) slowestTicks, (int) ticks + 1);
        assertThat(sleeps.size()).isGreaterThan(progress.size());
        assertThat(progress).allSatisfy(line -> assertThat(line).contains("id 0 of i-owner0"));
    }

    @Test
    void aLiveOwnerIsExit3AtOnceWithoutWaiting() {
        enis.addBrokerEnis("KAFKA-", 2, AZ);
        holdAll(2, InstanceState.RUNNING);
        store.registerBroker(0);
        store.registerBroker(1);
        Instant start = clock.instant();

        assertThatThrownBy(() -> claim("i-new", AZ, 2)).isInstanceOf(NoFreeBrokerIdException.class)
                .satisfies(e -> assertThat(((NoFreeBrokerIdException) e).exitCode().code()).isEqualTo(3))
                .hasMessageContaining("0 i-owner0 (running, alive)")
                .hasMessageContaining("wait for a dying or leaving owner to release its id");
        assertThat(sleeps).isEmpty();
        assertThat(progress).isEmpty();
        assertThat(clock.instant()).isEqualTo(start);
    }

    @Test
    void aLeavingOwnerIsWaitedForAndItsIdTakenOnlyOnceEc2ReportsItGoneAndItsBrokerDeregistered() {
        enis.addBrokerEnis("KAFKA-", 2, AZ);
        holdAll(2, InstanceState.RUNNING);
        store.registerBroker(0);
        store.registerBroker(1);
        groups.member("i-owner0", "kafka-brokers", "InService").member("i-owner1", "kafka-brokers", "Terminating:Wait");
        Instant start = clock.instant();
        List<String> takenWhileLeaving = new ArrayList<>();
        // Its termination hook stops Kafka: EC2 reports it shutting-down at 40 s, its registration goes at 70 s.
        whileWaiting = () -> {
            if (!store.read(1).orElseThrow().isOwnedBy("i-owner1")) {
                takenWhileLeaving.add(clock.instant().toString());
            }
            if (!clock.instant().isBefore(start.plusSeconds(40))) {
                instances.put("i-owner1", InstanceState.SHUTTING_DOWN);
            }
            if (!clock.instant().isBefore(start.plusSeconds(70)) && store.isRegistered(1)) {
                store.deregisterBroker(1);
            }
        };

        ClaimResult result = claim("i-new", AZ, 2);

        assertThat(result.brokerId()).isEqualTo(1);
        assertThat(result.takenOverFrom()).contains("i-owner1");
        assertThat(takenWhileLeaving).as("never taken while leaving or still registered").isEmpty();
        assertThat(Duration.between(start, clock.instant())).isGreaterThan(Duration.ofSeconds(70))
                .isLessThanOrEqualTo(Duration.ofSeconds(70).plus(ResourceWaiter.MAX_DELAY.multipliedBy(2)));
        assertThat(store.read(0).orElseThrow().isOwnedBy("i-owner0")).isTrue();
        assertThat(progress.get(0)).contains("a broker id for i-new in us-east-1a is held by leaving owners")
                .contains("id 1 of i-owner1 (running, Terminating:Wait)").doesNotContain("i-owner0");
        assertThat(progress).anyMatch(p -> p.contains("held by dying owners") && p.contains("id 1 of i-owner1 (shutting-down"));
        // One DescribeAutoScalingInstances per pass that would otherwise be exit 3, for both live owners at once.
        assertThat(groups.lifecycleLookups()).isNotEmpty().allSatisfy(ids -> assertThat(ids).containsExactlyInAnyOrder("i-owner0", "i-owner1"));
    }

    @Test
    void aLeavingOwnerThatStaysInItsHookPastTheTimeoutIsExit4NamingItsLifecycleState() {
        enis.addBrokerEnis("KAFKA-", 1, AZ);
        holdAll(1, InstanceState.RUNNING);
        store.registerBroker(0);
        groups.member("i-owner0", "kafka-brokers", "Terminating:Proceed");
        Instant start = clock.instant();

        assertThatThrownBy(() -> claim("i-new", AZ, 1)).isInstanceOf(WaitTimeoutException.class)
                .satisfies(e -> assertThat(((WaitTimeoutException) e).exitCode().code()).isEqualTo(4))
                .hasMessageContaining("a broker id for i-new in us-east-1a is still held by leaving owners")
                .hasMessageContaining("id 0 of i-owner0 (running, Terminating:Proceed)")
                .hasMessageContaining("waited 300 s")
                .hasMessageContaining("HeartbeatTimeout")
                .hasMessageContaining("kafka-aas never deletes another instance's registration or claim");
        assertThat(Duration.between(start, clock.instant())).isEqualTo(TIMEOUT);
        assertThat(store.read(0).orElseThrow().isOwnedBy("i-owner0")).isTrue();
        assertThat(progress).allSatisfy(line -> assertThat(line).contains("id 0 of i-owner0 (running, Terminating:Proceed)"));
    }

    @Test
    void aRunningOwnerThatIsNotTerminatingIsExit3AtOnceAfterOneLookUp() {
        enis.addBrokerEnis("KAFKA-", 3, AZ);
        holdAll(3, InstanceState.RUNNING);
        instances.put("i-owner2", InstanceState.STOPPED);
        // i-owner0 is in service; i-owner1 belongs to no group; i-owner2 is stopped, so not worth asking about.
        groups.member("i-owner0", "kafka-brokers", "InService").member("i-owner2", "kafka-brokers", "Terminating:Wait");

        assertThatThrownBy(() -> claim("i-new", AZ, 3)).isInstanceOf(NoFreeBrokerIdException.class)
                .satisfies(e -> assertThat(((NoFreeBrokerIdException) e).exitCode().code()).isEqualTo(3));
        assertThat(groups.lifecycleLookups()).containsExactly(java.util.Set.of("i-owner0", "i-owner1"));
        assertThat(sleeps).isEmpty();
        assertThat(progress).isEmpty();
    }

    @Test
    void aLifecycleStateThatCannotBeReadIsExit3AtOnceWithOneLineSayingWhy() {
        enis.addBrokerEnis("KAFKA-", 1, AZ);
        holdAll(1, InstanceState.RUNNING);
        groups.member("i-owner0", "kafka-brokers", "Terminating:Wait")
                .failLookupWith(new KafkaAasException(ExitCode.USAGE, "DescribeAutoScalingInstances (i-owner0) was refused by"
                        + " Auto Scaling (us-east-1) (AccessDenied); grant the instance role the actions of the IAM policy in docs/iam.md"));
        List<String> warnings = new ArrayList<>();
        BrokerIdClaimer claimer = new BrokerIdClaimer(store, new SlotCatalog(enis, "KAFKA-"),
                new SlotInspector(instances, store, new OwnerLiveness(clock, Duration.ofMinutes(10))),
                new LeavingInstances(groups, warnings::add), new ResourceWaiter(clock, d -> sleeps.add(d), progress::add), TIMEOUT);

        assertThatThrownBy(() -> claimer.claim(new InstanceIdentity("i-new", AZ), 1)).isInstanceOf(NoFreeBrokerIdException.class)
                .hasMessageContaining("0 i-owner0 (running, alive)");
        assertThat(warnings).singleElement().asString()
                .contains("the Auto Scaling lifecycle state of i-owner0 could not be read")
                .contains("not waiting for it").contains("AccessDenied").contains("docs/iam.md");
        assertThat(sleeps).isEmpty();
        assertThat(store.read(0).orElseThrow().isOwnedBy("i-owner0")).isTrue();
    }

    @Test
    void aFreeIdOrATakeoverNeverAsksAutoScaling() {
        enis.addBrokerEnis("KAFKA-", 3, AZ);
        holdAll(2, InstanceState.RUNNING);
        groups.member("i-owner0", "kafka-brokers", "Terminating:Wait");
        assertThat(claim("i-free", AZ, 3).brokerId()).isEqualTo(2);
        instances.put("i-owner1", InstanceState.TERMINATED);
        assertThat(claim("i-taker", AZ, 3).takenOverFrom()).contains("i-owner1");

        assertThat(groups.lifecycleLookups()).isEmpty();
    }

    @Test
    void aDyingOwnersIdWhoseEniAnotherLiveInstanceHoldsIsExit3AtOnce() {
        enis.addBrokerEnis("KAFKA-", 1, AZ);
        holdAll(1, InstanceState.SHUTTING_DOWN);
        store.registerBroker(0);
        enis.attach("eni-us-east-1a-0", "i-squatter");
        instances.put("i-squatter", InstanceState.RUNNING);

        assertThatThrownBy(() -> claim("i-new", AZ, 1)).isInstanceOf(NoFreeBrokerIdException.class)
                .hasMessageContaining("ENI eni-us-east-1a-0 is attached to i-squatter (running)");
        assertThat(sleeps).isEmpty();
        assertThat(progress).isEmpty();
    }

    @Test
    void aDyingOwnerInAnotherAzIsNotWaitedFor() {
        enis.add("KAFKA-", 0, "us-east-1b");
        enis.add("KAFKA-", 1, AZ);
        assertThat(claim("i-owner0", "us-east-1b", 2).brokerId()).isZero();
        assertThat(claim("i-owner1", AZ, 2).brokerId()).isEqualTo(1);
        instances.put("i-owner0", InstanceState.SHUTTING_DOWN).put("i-owner1", InstanceState.RUNNING);
        store.registerBroker(0);

        assertThatThrownBy(() -> claim("i-new", AZ, 2)).isInstanceOf(NoFreeBrokerIdException.class);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void anEniStillOnARunningInstanceBlocksTheTakeoverButOneOnADyingInstanceDoesNot() {
        enis.addBrokerEnis("KAFKA-", 2, AZ);
        holdAll(2, InstanceState.TERMINATED);
        enis.attach("eni-us-east-1a-0", "i-squatter");
        instances.put("i-squatter", InstanceState.RUNNING);
        enis.attach("eni-us-east-1a-1", "i-owner1");
        instances.put("i-owner1", InstanceState.SHUTTING_DOWN);

        ClaimResult result = claim("i-new", AZ, 2);

        assertThat(result.brokerId()).isEqualTo(1);
        assertThat(store.read(0).orElseThrow().isOwnedBy("i-owner0")).isTrue();
    }

    @Test
    void anUnreadableClaimIsNeverTakenOver() {
        enis.addBrokerEnis("KAFKA-", 1, AZ);
        ClaimStore unreadable = new DelegatingClaimStore(store) {
            @Override
            public SortedMap<Integer, Claim> readAll() {
                SortedMap<Integer, Claim> all = super.readAll();
                all.put(0, Claim.unreadable(0, 0, Instant.EPOCH));
                return all;
            }
        };
        clock.advance(Duration.ofDays(1));
        assertThatThrownBy(() -> claimer(unreadable).claim(new InstanceIdentity("i-new", AZ), 1))
                .isInstanceOf(NoFreeBrokerIdException.class).hasMessageContaining("(unreadable)");
    }

    @Test
    void losingTheCompareAndSetMovesOnToTheNextDeadOwner() {
        enis.addBrokerEnis("KAFKA-", 3, AZ);
        holdAll(3, InstanceState.RUNNING);
        instances.put("i-owner0", InstanceState.TERMINATED).put("i-owner2", InstanceState.TERMINATED);
        // Another replacement wins id 0 between our judgement and our write.
        ClaimStore racing = new DelegatingClaimStore(store) {
            @Override
            public boolean replace(Claim expected, ClaimData data) {
                if (expected.brokerId() == 0) {
                    assertThat(store.replace(expected, new ClaimData("i-rival", AZ, clock.instant(), null, "i-owner0"))).isTrue();
                }
                return super.replace(expected, data);
            }
        };

        ClaimResult result = claimer(racing).claim(new InstanceIdentity("i-new", AZ), 3);

        assertThat(result.brokerId()).isEqualTo(2);
        assertThat(store.read(0).orElseThrow().isOwnedBy("i-rival")).isTrue();
    }

    @Test
    void aCreateThatSucceededBeforeAConnectionLossIsRecognisedAsOurs() {
        enis.addBrokerEnis("KAFKA-", 2, AZ);
        // The server applied our create, the reply was lost, and the retried create saw NodeExists.
        ClaimStore lostReply = new DelegatingClaimStore(store) {
            @Override
            public boolean create(int brokerId, ClaimData data) {
                super.create(brokerId, data);
                return false;
            }
        };

        ClaimResult result = claimer(lostReply).claim(new InstanceIdentity("i-a", AZ), 2);

        assertThat(result.brokerId()).isZero();
        assertThat(store.readAll()).hasSize(1);
    }

    /** Counts conditional writes, to prove a re-run writes nothing. */
    static final class CountingClaimStore extends DelegatingClaimStore {
        int writes;

        CountingClaimStore(ClaimStore delegate) {
            super(delegate);
        }

        @Override
        public boolean create(int brokerId, ClaimData data) {
            writes++;
            return super.create(brokerId, data);
        }

        @Override
        public boolean replace(Claim expected, ClaimData data) {
            writes++;
            return super.replace(expected, data);
        }

        @Override
        public boolean delete(Claim expected) {
            writes++;
            return super.delete(expected);
        }
    }

    static class DelegatingClaimStore implements ClaimStore {
        private final ClaimStore delegate;

        DelegatingClaimStore(ClaimStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public SortedMap<Integer, Claim> readAll() {
            return delegate.readAll();
        }

        @Override
        public Optional<Claim> read(int brokerId) {
            return delegate.read(brokerId);
        }

        @Override
        public boolean create(int brokerId, ClaimData data) {
            return delegate.create(brokerId, data);
        }

        @Override
        public boolean replace(Claim expected, ClaimData data) {
            return delegate.replace(expected, data);
        }

        @Override
        public boolean delete(Claim expected) {
            return delegate.delete(expected);
        }
    }
}
