package io.kafkaaas.claim;

import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.testing.FakeInstanceDirectory;
import io.kafkaaas.testing.FakeNetworkInterfaces;
import io.kafkaaas.testing.InMemoryClaimStore;
import io.kafkaaas.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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

    private BrokerIdClaimer claimer(ClaimStore claimStore) {
        SlotInspector inspector = new SlotInspector(instances, store, new OwnerLiveness(clock, Duration.ofMinutes(10)));
        return new BrokerIdClaimer(claimStore, new SlotCatalog(enis, "KAFKA-"), inspector, clock);
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
    void aLiveBrokerRegistrationBlocksTheTakeover() {
        enis.addBrokerEnis("KAFKA-", 1, AZ);
        holdAll(1, InstanceState.TERMINATED);
        store.registerBroker(0);

        assertThatThrownBy(() -> claim("i-new", AZ, 1)).isInstanceOf(NoFreeBrokerIdException.class)
                .hasMessageContaining("a live broker is still registered at /brokers/ids/0");
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
