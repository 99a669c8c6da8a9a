package io.kafkaaas.claim;

import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.WaitTimeoutException;
import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.eni.NetworkInterfaces;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.testing.FakeAutoScalingGroups;
import io.kafkaaas.testing.FakeInstanceDirectory;
import io.kafkaaas.testing.FakeNetworkInterfaces;
import io.kafkaaas.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ENI claim store's rules against in-memory fakes, with a fake clock: the cases no emulator shows on demand
 * (an attach whose answer was lost but which landed, a holder that is shutting down, two ENIs held at once).
 */
class EniClaimerTest {
    private static final String AZ = "us-east-1a";
    private static final InstanceIdentity ME = new InstanceIdentity("i-me", AZ);
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    private final ManualClock clock = new ManualClock(T0);
    private final FakeNetworkInterfaces enis = new FakeNetworkInterfaces().withClock(clock);
    private final FakeInstanceDirectory instances = new FakeInstanceDirectory();
    /** The holders' Auto Scaling group: asked only on the way to exit 3, whether a holder is leaving. */
    private final FakeAutoScalingGroups groups = new FakeAutoScalingGroups();
    private final List<String> progress = new ArrayList<>();

    private EniClaimer claimer(NetworkInterfaces ports) {
        return new EniClaimer(ports, new SlotCatalog(ports, "KAFKA-"), new EniHolders(instances),
                new LeavingInstances(groups), new ResourceWaiter(clock, clock.sleeper(), progress::add), 1, TIMEOUT);
    }

    private EniClaimer claimer() {
        return claimer(enis);
    }

    private String eni(int id) {
        return "eni-" + AZ + "-" + id;
    }

    private void heldBy(int id, String instance, InstanceState state) {
        enis.attach(eni(id), instance);
        instances.put(instance, state);
    }

    @Test
    void theClaimIsTheAttachOfTheLowestFreeEniInOurZone() {
        enis.add("KAFKA-", 0, "us-east-1b");
        enis.add("KAFKA-", 1, AZ);
        enis.add("KAFKA-", 2, AZ);

        ClaimResult result = claimer().claim(ME, 3);

        assertThat(result.brokerId()).as("0's ENI is in another AZ (rule 2)").isEqualTo(1);
        assertThat(result.changed()).isTrue();
        assertThat(result.eniId()).contains(eni(1));
        assertThat(enis.get(eni(1)).attachment().orElseThrow().instanceId()).isEqualTo("i-me");
        assertThat(enis.get(eni(1)).attachment().orElseThrow().deviceIndex()).isEqualTo(1);
        assertThat(enis.attachCalls()).isEqualTo(1);
        assertThat(instances.calls()).as("a free ENI needs nobody's state").isZero();
    }

    @Test
    void anEniAlreadyAttachedHereIsOurIdAndNothingIsAttached() {
        enis.addBrokerEnis("KAFKA-", 4, AZ);
        heldBy(0, "i-other", InstanceState.RUNNING);
        enis.attach(eni(2), "i-me");

        ClaimResult result = claimer().claim(ME, 4);

        assertThat(result.brokerId()).isEqualTo(2);
        assertThat(result.changed()).isFalse();
        assertThat(enis.attachCalls()).isZero();
    }

    @Test
    void inUseMeansTakenAndTheClaimMovesOnToTheNextId() {
        enis.addBrokerEnis("KAFKA-", 3, AZ);
        enis.stealOnNextAttach("i-faster");

        ClaimResult result = claimer().claim(ME, 3);

        assertThat(result.brokerId()).isEqualTo(1);
        assertThat(enis.get(eni(0)).attachment().orElseThrow().instanceId()).isEqualTo("i-faster");
        assertThat(enis.attachCalls()).isEqualTo(2);
        assertThat(enis.detachCalls()).isZero();
    }

    @Test
    void anAttachWhoseAnswerWasLostButWhichLandedIsRecognisedAsOursAndTheRetryElsewhereIsLetGo() {
        enis.addBrokerEnis("KAFKA-", 3, AZ);
        enis.loseNextAttachAnswer(); // 0 lands for us, but we are told "in use" and move on to 1, which we win too

        ClaimResult result = claimer().claim(ME, 3);

        assertThat(result.brokerId()).as("rule 5: the lowest of the two is kept").isEqualTo(0);
        assertThat(result.changed()).isTrue();
        assertThat(result.eniId()).contains(eni(0));
        assertThat(enis.detachCalls()).as("only the extra one, which this run attached").isEqualTo(1);
        assertThat(enis.get(eni(1)).attachment()).isEmpty();
        assertThat(enis.get(eni(0)).attachment().orElseThrow().instanceId()).isEqualTo("i-me");
    }

    @Test
    void aFailedAttachThatLandedIsOursAndAFailedOneThatDidNotIsTheDependencyError() {
        enis.addBrokerEnis("KAFKA-", 2, AZ);
        NetworkInterfaces landsThenFails = new DelegatingInterfaces(enis) {
            @Override
            public String attach(String eniId, String instanceId, int deviceIndex) {
                enis.attach(eniId, instanceId, deviceIndex);
                throw new DependencyUnreachableException("AttachNetworkInterface kept failing at EC2 (HTTP 503) after retries");
            }
        };
        ClaimResult result = claimer(landsThenFails).claim(ME, 2);
        assertThat(result.brokerId()).isEqualTo(0);
        assertThat(result.changed()).isTrue();

        NetworkInterfaces justFails = new DelegatingInterfaces(enis) {
            @Override
            public String attach(String eniId, String instanceId, int deviceIndex) {
                throw new DependencyUnreachableException("AttachNetworkInterface kept failing at EC2 (HTTP 503) after retries");
            }
        };
        assertThatThrownBy(() -> claimer(justFails).claim(new InstanceIdentity("i-next", AZ), 2))
                .isInstanceOf(DependencyUnreachableException.class)
                .extracting(e -> ((KafkaAasException) e).exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void twoEnisAttachedBeforeThisRunAreNeitherDetachedNorChanged() {
        enis.addBrokerEnis("KAFKA-", 4, AZ);
        enis.attach(eni(3), "i-me");
        enis.attach(eni(1), "i-me");

        ClaimResult result = claimer().claim(ME, 4);

        assertThat(result.brokerId()).isEqualTo(1);
        assertThat(result.changed()).isFalse();
        assertThat(enis.detachCalls()).as("not attached by this run: left to the operator").isZero();
        assertThat(enis.get(eni(3)).attachment()).isPresent();
    }

    @Test
    void anEniOfADyingInstanceIsWaitedForWithProgressAndNeverDetached() {
        enis.addBrokerEnis("KAFKA-", 3, AZ);
        heldBy(0, "i-live", InstanceState.RUNNING);
        heldBy(1, "i-dying", InstanceState.SHUTTING_DOWN);
        heldBy(2, "i-stopped", InstanceState.STOPPED);
        enis.releaseAt(eni(1), T0.plus(Duration.ofSeconds(95)));

        ClaimResult result = claimer().claim(ME, 3);

        assertThat(result.brokerId()).isEqualTo(1);
        assertThat(result.takenOverFrom()).contains("i-dying");
        assertThat(clock.instant()).isAfterOrEqualTo(T0.plus(Duration.ofSeconds(95)))
                .isBefore(T0.plus(Duration.ofSeconds(110)));
        assertThat(progress.get(0)).contains("held by dying instances: 1 i-dying (shutting-down; attachment attached)");
        assertThat(progress).anyMatch(p -> p.contains("waiting (3"));
        assertThat(enis.detachCalls()).isZero();
        assertThat(enis.get(eni(0)).attachment().orElseThrow().instanceId()).isEqualTo("i-live");
        assertThat(enis.get(eni(2)).attachment().orElseThrow().instanceId()).isEqualTo("i-stopped");
        assertThat(groups.lifecycleLookups()).as("a dying holder is waited for without asking Auto Scaling").isEmpty();
    }

    @Test
    void aFreeIdIsTakenBeforeADyingInstancesIdIsWaitedFor() {
        enis.addBrokerEnis("KAFKA-", 3, AZ);
        heldBy(0, "i-dying", InstanceState.TERMINATED);

        ClaimResult result = claimer().claim(ME, 3);

        assertThat(result.brokerId()).isEqualTo(1);
        assertThat(clock.instant()).isEqualTo(T0);
        assertThat(groups.lifecycleLookups()).as("a free id needs no lifecycle state").isEmpty();
    }

    @Test
    void aDyingHolderThatNeverLetsGoIsATimeoutNamingIt() {
        enis.addBrokerEnis("KAFKA-", 1, AZ);
        heldBy(0, "i-stuck", InstanceState.SHUTTING_DOWN);

        assertThatThrownBy(() -> claimer().claim(ME, 1))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("a free broker ENI for i-me in us-east-1a is still held by dying instances:"
                        + " 0 i-stuck (shutting-down; attachment attached)")
                .hasMessageContaining("waited 300 s")
                .hasMessageContaining("never detaches");
        assertThat(enis.detachCalls()).isZero();
        assertThat(enis.attachCalls()).isZero();
    }

    @Test
    void anEniOfALeavingHolderIsWaitedForNeverDetachedAndClaimedOnceEc2ReleasesIt() {
        enis.addBrokerEnis("KAFKA-", 2, AZ);
        heldBy(0, "i-live", InstanceState.RUNNING);
        heldBy(1, "i-leaving", InstanceState.RUNNING);
        groups.member("i-live", "kafka-brokers", "InService").member("i-leaving", "kafka-brokers", "Terminating:Wait");
        // Its hook completes and EC2 terminates it, releasing the ENI, 95 s into the wait.
        enis.releaseAt(eni(1), T0.plus(Duration.ofSeconds(95)));

        ClaimResult result = claimer().claim(ME, 2);

        assertThat(result.brokerId()).isEqualTo(1);
        assertThat(result.takenOverFrom()).contains("i-leaving");
        assertThat(clock.instant()).isAfterOrEqualTo(T0.plus(Duration.ofSeconds(95)))
                .isBefore(T0.plus(Duration.ofSeconds(110)));
        assertThat(progress.get(0)).contains("a free broker ENI for i-me in us-east-1a is held by leaving instances")
                .contains("1 i-leaving (running, a live instance; attachment attached) [ENI " + eni(1) + " in us-east-1a]"
                        + " in Terminating:Wait")
                .doesNotContain("i-live");
        assertThat(enis.attachCalls()).as("no attach while it is held").isEqualTo(1);
        assertThat(enis.detachCalls()).isZero();
        assertThat(enis.get(eni(0)).attachment().orElseThrow().instanceId()).isEqualTo("i-live");
        assertThat(groups.lifecycleLookups()).isNotEmpty()
                .allSatisfy(ids -> assertThat(ids).containsExactlyInAnyOrder("i-live", "i-leaving"));
    }

    @Test
    void aLeavingHolderThatNeverLetsGoIsExit4NamingItsLifecycleState() {
        enis.addBrokerEnis("KAFKA-", 1, AZ);
        heldBy(0, "i-stuck", InstanceState.RUNNING);
        groups.member("i-stuck", "kafka-brokers", "Terminating");

        assertThatThrownBy(() -> claimer().claim(ME, 1))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("a free broker ENI for i-me in us-east-1a is still held by leaving instances")
                .hasMessageContaining("0 i-stuck (running, a live instance; attachment attached) [ENI " + eni(0)
                        + " in us-east-1a] in Terminating")
                .hasMessageContaining("waited 300 s")
                .hasMessageContaining("HeartbeatTimeout")
                .hasMessageContaining("never detaches")
                .extracting(e -> ((KafkaAasException) e).exitCode()).isEqualTo(ExitCode.TIMEOUT);
        assertThat(clock.instant()).isEqualTo(T0.plus(TIMEOUT));
        assertThat(enis.detachCalls()).isZero();
        assertThat(enis.attachCalls()).isZero();
    }

    @Test
    void aRunningHolderThatIsNotTerminatingIsExit3AtOnceAfterOneLookUp() {
        enis.addBrokerEnis("KAFKA-", 3, AZ);
        enis.add("KAFKA-", 3, "us-east-1b");
        heldBy(0, "i-live", InstanceState.RUNNING);
        heldBy(1, "i-ungrouped", InstanceState.PENDING);
        heldBy(2, "i-stopped", InstanceState.STOPPED);
        enis.attach("eni-us-east-1b-3", "i-elsewhere");
        instances.put("i-elsewhere", InstanceState.RUNNING);
        groups.member("i-live", "kafka-brokers", "InService").member("i-stopped", "kafka-brokers", "Terminating:Wait")
                .member("i-elsewhere", "kafka-brokers", "Terminating:Wait");

        assertThatThrownBy(() -> claimer().claim(ME, 4))
                .isInstanceOf(NoFreeBrokerIdException.class)
                .extracting(e -> ((KafkaAasException) e).exitCode()).isEqualTo(ExitCode.NO_FREE_ID);
        assertThat(groups.lifecycleLookups()).as("only live holders in our AZ, in one call")
                .containsExactly(java.util.Set.of("i-live", "i-ungrouped"));
        assertThat(clock.instant()).isEqualTo(T0);
        assertThat(progress).isEmpty();
    }

    @Test
    void aLifecycleStateThatCannotBeReadIsExit3AtOnceWithOneLineSayingWhy() {
        enis.addBrokerEnis("KAFKA-", 1, AZ);
        heldBy(0, "i-leaving", InstanceState.RUNNING);
        groups.member("i-leaving", "kafka-brokers", "Terminating:Wait").failLookupWith(new DependencyUnreachableException(
                "DescribeAutoScalingInstances (i-leaving) kept failing at Auto Scaling (us-east-1) (Throttling, HTTP 400)"
                        + " after retries; try again later"));
        List<String> warnings = new ArrayList<>();
        EniClaimer claimer = new EniClaimer(enis, new SlotCatalog(enis, "KAFKA-"), new EniHolders(instances),
                new LeavingInstances(groups, warnings::add), new ResourceWaiter(clock, clock.sleeper(), progress::add), 1, TIMEOUT);

        assertThatThrownBy(() -> claimer.claim(ME, 1)).isInstanceOf(NoFreeBrokerIdException.class)
                .hasMessageContaining("0 i-leaving (running, a live instance; attachment attached)");
        assertThat(warnings).singleElement().asString()
                .contains("the Auto Scaling lifecycle state of i-leaving could not be read")
                .contains("not waiting for it").contains("Throttling");
        assertThat(clock.instant()).isEqualTo(T0);
        assertThat(enis.attachCalls()).isZero();
    }

    @Test
    void runningAndStoppedHoldersAreNeverTakenAndExit3ListsEverySlot() {
        enis.addBrokerEnis("KAFKA-", 2, AZ);
        enis.add("KAFKA-", 2, "us-east-1b");
        heldBy(0, "i-live", InstanceState.RUNNING);
        heldBy(1, "i-stopped", InstanceState.STOPPED);

        assertThatThrownBy(() -> claimer().claim(ME, 4))
                .isInstanceOf(NoFreeBrokerIdException.class)
                .hasMessageContaining("no free broker id for i-me in us-east-1a (broker-count 4, claim store eni)")
                .hasMessageContaining("0 i-live (running, a live instance; attachment attached) [ENI " + eni(0) + " in us-east-1a]")
                .hasMessageContaining("1 i-stopped (stopped, a live instance; attachment attached)")
                .hasMessageContaining("2 free [ENI eni-us-east-1b-2 in us-east-1b]")
                .hasMessageContaining("3 no ENI tagged KAFKA-3")
                .extracting(e -> ((KafkaAasException) e).exitCode()).isEqualTo(ExitCode.NO_FREE_ID);
        assertThat(enis.attachCalls()).isZero();
        assertThat(clock.instant()).as("no wait for live holders").isEqualTo(T0);
    }

    @Test
    void noEniInOurZoneIsExit3SayingWhereTheyAre() {
        enis.addBrokerEnis("KAFKA-", 2, "us-east-1b");

        assertThatThrownBy(() -> claimer().claim(ME, 2))
                .isInstanceOf(NoFreeBrokerIdException.class)
                .hasMessageContaining("no ENI tagged KAFKA-0..KAFKA-1 is in that AZ (0 in us-east-1b, 1 in us-east-1b)");
    }

    /** Forwards every call to the fake; tests override the one call they break. */
    private static class DelegatingInterfaces implements NetworkInterfaces {
        private final NetworkInterfaces delegate;

        DelegatingInterfaces(NetworkInterfaces delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<NetworkInterface> findByNamePrefix(String prefix) {
            return delegate.findByNamePrefix(prefix);
        }

        @Override
        public List<NetworkInterface> findByName(String name) {
            return delegate.findByName(name);
        }

        @Override
        public Optional<NetworkInterface> describe(String eniId) {
            return delegate.describe(eniId);
        }

        @Override
        public String attach(String eniId, String instanceId, int deviceIndex) {
            return delegate.attach(eniId, instanceId, deviceIndex);
        }

        @Override
        public void detach(String attachmentId) {
            delegate.detach(attachmentId);
        }
    }
}
