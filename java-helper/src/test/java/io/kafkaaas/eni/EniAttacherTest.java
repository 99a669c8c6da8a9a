package io.kafkaaas.eni;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.core.WaitTimeoutException;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.testing.FakeInstanceDirectory;
import io.kafkaaas.testing.FakeInterfaceMetadata;
import io.kafkaaas.testing.FakeNetworkInterfaces;
import io.kafkaaas.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ENI rules against in-memory fakes: the in-use cases moto cannot show, with a fake clock. */
class EniAttacherTest {
    private static final String AZ = "us-east-1a";
    private static final InstanceIdentity ME = new InstanceIdentity("i-me", AZ);
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final FakeNetworkInterfaces enis = new FakeNetworkInterfaces().withClock(clock);
    private final FakeInstanceDirectory instances = new FakeInstanceDirectory();
    private final Map<String, String> kernel = new HashMap<>();
    private final List<String> progress = new ArrayList<>();
    private final ResourceWaiter waiter = new ResourceWaiter(clock, clock.sleeper(), progress::add);
    private final FakeInterfaceMetadata imds = new FakeInterfaceMetadata();
    private final EniAttacher attacher = new EniAttacher(enis, instances, mac -> Optional.ofNullable(kernel.get(mac)),
            Optional.of(imds), waiter);

    @Test
    void attachesAFreeEniAtDeviceIndexOneAndFindsItsInterfaceByMac() {
        NetworkInterface eni = enis.add("KAFKA-", 2, AZ);
        kernel.put(eni.macAddress(), "ens6");
        imds.put(eni.macAddress(), 1, "10.0.1.0/24");

        EniAttachResult result = attacher.attach(EniAttachRequest.of(ME, 2, "KAFKA-"));

        assertThat(result.changed()).isTrue();
        assertThat(result.eniId()).isEqualTo(eni.id());
        assertThat(result.deviceIndex()).isEqualTo(1);
        assertThat(result.interfaceName()).contains("ens6");
        assertThat(result.subnetCidr()).as("from IMDS, for policy routing").contains("10.0.1.0/24");
        assertThat(result.warnings()).isEmpty();
        assertThat(enis.get(eni.id()).attachment().orElseThrow().status()).isEqualTo("attached");
        assertThat(enis.attachCalls()).isEqualTo(1);
    }

    @Test
    void anEniAlreadyAttachedHereChangesNothingAndMakesNoAttachCall() {
        NetworkInterface eni = enis.add("KAFKA-", 0, AZ);
        enis.attach(eni.id(), ME.instanceId());
        kernel.put(eni.macAddress(), "eth1");

        EniAttachResult result = attacher.attach(EniAttachRequest.of(ME, 0, "KAFKA-"));

        assertThat(result.changed()).isFalse();
        assertThat(enis.attachCalls()).isZero();
        assertThat(result.interfaceName()).contains("eth1");
    }

    @Test
    void waitsForAShuttingDownHolderToReleaseItThenAttaches() {
        NetworkInterface eni = enis.add("KAFKA-", 1, AZ);
        enis.attach(eni.id(), "i-old");
        instances.put("i-old", InstanceState.SHUTTING_DOWN);
        enis.releaseAt(eni.id(), T0.plusSeconds(95));
        kernel.put(eni.macAddress(), "ens6");

        EniAttachResult result = attacher.attach(EniAttachRequest.of(ME, 1, "KAFKA-"));

        assertThat(result.changed()).isTrue();
        assertThat(enis.get(eni.id()).attachedInstance()).contains("i-me");
        assertThat(clock.instant()).isAfterOrEqualTo(T0.plusSeconds(95)).isBefore(T0.plusSeconds(120));
        assertThat(enis.attachCalls()).isEqualTo(1);
        assertThat(progress).anySatisfy(p -> assertThat(p).contains("attached to i-old (shutting-down"));
        assertThat(progress).anySatisfy(p -> assertThat(p).contains("is ready after"));
    }

    @Test
    void anEniHeldByARunningInstanceTimesOutWithExit4AndIsNeverDetached() {
        NetworkInterface eni = enis.add("KAFKA-", 3, AZ);
        enis.attach(eni.id(), "i-live");
        instances.put("i-live", InstanceState.RUNNING);
        EniAttachRequest request = new EniAttachRequest(ME, 3, "KAFKA-", 1, Duration.ofSeconds(120), Duration.ZERO);

        assertThatThrownBy(() -> attacher.attach(request))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("ENI KAFKA-3 (" + eni.id() + ") is still attached to i-live (running, a live instance")
                .hasMessageContaining("waited 120 s")
                .hasMessageContaining("never detaches");

        assertThat(enis.get(eni.id()).attachedInstance()).contains("i-live");
        assertThat(enis.attachCalls()).isZero();
        assertThat(enis.detachCalls()).isZero();
        assertThat(Duration.between(T0, clock.instant())).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void aHolderEc2DoesNotKnowIsNotCalledLive() {
        NetworkInterface eni = enis.add("KAFKA-", 9, AZ);
        enis.attach(eni.id(), "i-vanished");

        assertThatThrownBy(() -> attacher.attach(new EniAttachRequest(ME, 9, "KAFKA-", 1, Duration.ofSeconds(10), Duration.ZERO)))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("still attached to i-vanished (unknown to EC2; attachment attached)");
    }

    @Test
    void anAttachRefusedAsInUseGoesBackToWaiting() {
        NetworkInterface eni = enis.add("KAFKA-", 4, AZ);
        enis.stealOnNextAttach("i-intruder");
        instances.put("i-intruder", InstanceState.TERMINATED);
        enis.releaseAt(eni.id(), T0.plusSeconds(30));

        EniAttachResult result = attacher.attach(new EniAttachRequest(ME, 4, "KAFKA-", 1, Duration.ofSeconds(300), Duration.ZERO));

        assertThat(result.changed()).isTrue();
        assertThat(enis.attachCalls()).isEqualTo(2);
        assertThat(enis.get(eni.id()).attachedInstance()).contains("i-me");
    }

    @Test
    void anAttachThatLandedAlthoughItsRetryWasRefusedCountsAsThisRunsChange() {
        NetworkInterface eni = enis.add("KAFKA-", 10, AZ);
        enis.loseNextAttachAnswer();

        EniAttachResult result = attacher.attach(EniAttachRequest.of(ME, 10, "KAFKA-"));

        assertThat(result.changed()).isTrue();
        assertThat(enis.attachCalls()).isEqualTo(1);
        assertThat(enis.get(eni.id()).attachedInstance()).contains("i-me");
    }

    @Test
    void anEniOnlyInAnotherZoneIsAUsageErrorNamingBothZones() {
        NetworkInterface eni = enis.add("KAFKA-", 5, "us-east-1b");

        assertThatThrownBy(() -> attacher.attach(EniAttachRequest.of(ME, 5, "KAFKA-")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(eni.id() + " in us-east-1b")
                .hasMessageContaining("Availability Zone us-east-1a");
        assertThat(enis.attachCalls()).isZero();
    }

    @Test
    void anUnknownBrokerIdIsAUsageError() {
        enis.addBrokerEnis("KAFKA-", 3, AZ);

        assertThatThrownBy(() -> attacher.attach(EniAttachRequest.of(ME, 7, "KAFKA-")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("no ENI is tagged Name=KAFKA-7");
        assertThat(enis.attachCalls()).isZero();
    }

    @Test
    void aMissingKernelInterfaceGivesNoNameAndAWarningInsteadOfAFailure() {
        NetworkInterface eni = enis.add("KAFKA-", 6, AZ);
        imds.put(eni.macAddress(), 1, "10.0.6.0/24");
        EniAttachRequest request = new EniAttachRequest(ME, 6, "KAFKA-", 1, Duration.ofSeconds(300), Duration.ofSeconds(60));

        EniAttachResult result = attacher.attach(request);

        assertThat(result.interfaceName()).isEmpty();
        assertThat(result.warnings()).singleElement().asString()
                .contains("no kernel interface has MAC " + eni.macAddress())
                .contains("after 60 s")
                .contains("IMDS lists it as device-number 1");
        assertThat(result.changed()).isTrue();
    }

    @Test
    void anEniGrabbedByAnotherInstanceAfterOurAttachIsADataSafetyStop() {
        NetworkInterface eni = enis.add("KAFKA-", 8, AZ);
        NetworkInterfaces hijacking = new NetworkInterfaces() {
            @Override
            public List<NetworkInterface> findByNamePrefix(String prefix) {
                return enis.findByNamePrefix(prefix);
            }

            @Override
            public List<NetworkInterface> findByName(String name) {
                return enis.findByName(name);
            }

            @Override
            public Optional<NetworkInterface> describe(String eniId) {
                return enis.describe(eniId);
            }

            @Override
            public String attach(String eniId, String instanceId, int deviceIndex) {
                enis.attach(eniId, "i-twin"); // another instance with the same broker id won the race
                return "eni-attach-lost";
            }

            @Override
            public void detach(String attachmentId) {
                enis.detach(attachmentId);
            }
        };
        EniAttacher racing = new EniAttacher(hijacking, instances, mac -> Optional.empty(), Optional.empty(), waiter);

        assertThatThrownBy(() -> racing.attach(EniAttachRequest.of(ME, 8, "KAFKA-")))
                .isInstanceOf(KafkaAasException.class)
                .hasMessageContaining("was attached to i-twin instead of i-me")
                .extracting(e -> ((KafkaAasException) e).exitCode()).isEqualTo(ExitCode.DATA_SAFETY);
        assertThat(eni.id()).isNotNull();
    }
}
