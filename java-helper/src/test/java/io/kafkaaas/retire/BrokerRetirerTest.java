package io.kafkaaas.retire;

import io.kafkaaas.claim.ClaimData;
import io.kafkaaas.claim.OwnerLiveness;
import io.kafkaaas.core.DataSafetyException;
import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.eni.EniAttachment;
import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.eni.NetworkInterfaces;
import io.kafkaaas.health.ClusterView;
import io.kafkaaas.health.PartitionReplicas;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.testing.FakeInstanceDirectory;
import io.kafkaaas.testing.InMemoryClaimStore;
import io.kafkaaas.testing.ManualClock;
import io.kafkaaas.volume.Volume;
import io.kafkaaas.volume.VolumeAttachment;
import io.kafkaaas.volume.Volumes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retire rules on fakes of the ports, for what the end-to-end test (kafka-tests, RetireIdKafka3Test) cannot show
 * cheaply: the ENI claim store (nothing to release, the attachment is what counts), an owner EC2 does not know yet
 * (inside the grace period it still counts as alive), a volume still attached to a running instance, an unreachable
 * Kafka (nothing renamed), and finishing a half-done retire.
 */
class BrokerRetirerTest {
    private static final String AZ = "us-east-1a";

    private final ManualClock clock = ManualClock.startingNow();
    private final Cloud cloud = new Cloud();
    private final FakeInstanceDirectory instances = new FakeInstanceDirectory();
    private final InMemoryClaimStore store = new InMemoryClaimStore(clock);
    private final Kafka kafka = new Kafka();

    private BrokerRetirer retirer(RetirableClaims claims) {
        return new BrokerRetirer(cloud.enis(), cloud.volumes(), cloud, instances, new OwnerLiveness(clock, Duration.ofMinutes(10)), claims, "KAFKA-");
    }

    private BrokerRetirer zookeeper() {
        return retirer(RetirableClaims.of(store, "ZooKeeper"));
    }

    @Test
    void withTheEniStoreAnEniOnARunningInstanceIsTheClaimAndItsTerminationEndsIt() {
        cloud.eni("eni-1", "KAFKA-1", Optional.of("i-live"));
        cloud.volume("vol-1", "KAFKA-1", Optional.of("i-live"));
        instances.put("i-live", InstanceState.RUNNING);
        BrokerRetirer retirer = retirer(RetirableClaims.ENI_ATTACHMENT);

        assertThatThrownBy(() -> retirer.retire(1, kafka)).isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("still claimed by a running instance")
                .hasMessageContaining("attached to i-live (running)");
        assertThat(cloud.renames).isEmpty();

        instances.put("i-live", InstanceState.TERMINATED);
        RetireResult result = retirer.retire(1, kafka);

        assertThat(result.renamed()).containsExactly("eni-1", "vol-1");
        assertThat(result.claimReleased()).isFalse();
        assertThat(cloud.nameOf("eni-1")).isEqualTo("KAFKA-1-retired");
        assertThat(retirer.retire(1, kafka).changed()).isFalse();
    }

    @Test
    void anOwnerEc2DoesNotKnowCountsAsAliveInsideTheGracePeriod() {
        cloud.eni("eni-2", "KAFKA-2", Optional.empty());
        store.create(2, new ClaimData("i-new", AZ, clock.instant(), "eni-2", null));

        assertThatThrownBy(() -> zookeeper().retire(2, kafka)).isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("its claim in ZooKeeper names i-new (owner unknown to EC2 but claim only");

        clock.advance(Duration.ofMinutes(11));
        RetireResult result = zookeeper().retire(2, kafka);

        assertThat(result.claimReleased()).isTrue();
        assertThat(store.read(2)).isEmpty();
    }

    @Test
    void aVolumeStillAttachedToARunningInstanceIsRefused() {
        cloud.eni("eni-3", "KAFKA-3", Optional.empty());
        cloud.volume("vol-3", "KAFKA-3", Optional.of("i-other"));
        instances.put("i-other", InstanceState.STOPPED);

        assertThatThrownBy(() -> zookeeper().retire(3, kafka)).isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("attached to i-other (stopped)");
        assertThat(cloud.renames).isEmpty();
    }

    @Test
    void anUnreachableKafkaRenamesNothingAndAHalfDoneRetireIsFinished() {
        cloud.eni("eni-4", "KAFKA-4-retired", Optional.empty());   // a run that renamed the ENI, then stopped
        cloud.volume("vol-4", "KAFKA-4", Optional.empty());
        kafka.reachable = false;

        assertThatThrownBy(() -> zookeeper().retire(4, kafka)).isInstanceOf(DependencyUnreachableException.class);
        assertThat(cloud.renames).isEmpty();

        kafka.reachable = true;
        RetireResult result = zookeeper().retire(4, kafka);

        assertThat(result.renamed()).containsExactly("vol-4");
        assertThat(result.eniIds()).containsExactly("eni-4");
        assertThat(cloud.nameOf("vol-4")).isEqualTo("KAFKA-4-retired");
    }

    @Test
    void replicasOnTheBrokerAreRefusedAndNamedAndRestoreNeedsARetiredIdWithoutNewResources() {
        cloud.eni("eni-5", "KAFKA-5", Optional.empty());
        kafka.partitions.add(new PartitionReplicas("orders", 3, List.of(5, 0), List.of(0)));

        assertThatThrownBy(() -> zookeeper().retire(5, kafka)).isInstanceOf(DataSafetyException.class)
                .hasMessageContaining("broker 5 still hosts 1 partition replica(s)").hasMessageContaining("orders-3");

        kafka.partitions.clear();
        zookeeper().retire(5, kafka);
        cloud.eni("eni-5b", "KAFKA-5", Optional.empty());   // someone created a new KAFKA-5 meanwhile
        assertThatThrownBy(() -> zookeeper().restore(5)).isInstanceOf(UsageException.class)
                .hasMessageContaining("two ENIs or volumes");
        assertThatThrownBy(() -> zookeeper().retire(9, kafka)).isInstanceOf(UsageException.class)
                .hasMessageContaining("broker id 9 is unknown");
    }

    /** ENIs and volumes by id, whose Name tags the retirer rewrites. */
    private static final class Cloud implements NameTags {
        final Map<String, NetworkInterface> enis = new TreeMap<>();
        final Map<String, Volume> volumes = new TreeMap<>();
        final List<String> renames = new ArrayList<>();

        void eni(String id, String name, Optional<String> attachedTo) {
            enis.put(id, new NetworkInterface(id, name, AZ, "subnet-a", "10.0.1.10", "02:00:00:00:00:01",
                    attachedTo.isPresent() ? "in-use" : "available",
                    attachedTo.map(i -> new EniAttachment("eni-attach-" + id, i, 1, "attached"))));
        }

        void volume(String id, String name, Optional<String> attachedTo) {
            volumes.put(id, new Volume(id, name, AZ, attachedTo.isPresent() ? "in-use" : "available", 10, Optional.empty(),
                    Optional.empty(), Optional.empty(), attachedTo.map(i -> List.of(new VolumeAttachment(i, "/dev/xvdf", "attached")))
                    .orElse(List.of())));
        }

        String nameOf(String id) {
            return enis.containsKey(id) ? enis.get(id).name() : volumes.get(id).name();
        }

        @Override
        public void rename(String resourceId, String name) {
            renames.add(resourceId + "=" + name);
            NetworkInterface n = enis.get(resourceId);
            if (n != null) {
                enis.put(resourceId, new NetworkInterface(n.id(), name, n.availabilityZone(), n.subnetId(), n.privateIp(),
                        n.macAddress(), n.status(), n.attachment()));
                return;
            }
            Volume v = volumes.get(resourceId);
            volumes.put(resourceId, new Volume(v.id(), name, v.availabilityZone(), v.state(), v.sizeGiB(), v.snapshotId(),
                    v.formattedMark(), v.fsUuidMark(), v.attachments()));
        }

        NetworkInterfaces enis() {
            return new NetworkInterfaces() {
                @Override
                public List<NetworkInterface> findByNamePrefix(String prefix) {
                    return enis.values().stream().filter(n -> n.name().startsWith(prefix)).toList();
                }

                @Override
                public List<NetworkInterface> findByName(String name) {
                    return enis.values().stream().filter(n -> n.name().equals(name)).toList();
                }

                @Override
                public Optional<NetworkInterface> describe(String eniId) {
                    return Optional.ofNullable(enis.get(eniId));
                }

                @Override
                public String attach(String eniId, String instanceId, int deviceIndex) {
                    throw new AssertionError("retiring never attaches");
                }

                @Override
                public void detach(String attachmentId) {
                    throw new AssertionError("retiring never detaches");
                }
            };
        }

        Volumes volumes() {
            return new Volumes() {
                @Override
                public List<Volume> findByName(String name) {
                    return volumes.values().stream().filter(v -> v.name().equals(name)).toList();
                }

                @Override
                public Optional<Volume> describe(String volumeId) {
                    return Optional.ofNullable(volumes.get(volumeId));
                }

                @Override
                public void attach(String volumeId, String instanceId, String device) {
                    throw new AssertionError("retiring never attaches");
                }

                @Override
                public void recordFormat(String volumeId, String formattedValue, String fsUuid) {
                    throw new AssertionError("retiring never marks a volume formatted");
                }

                @Override
                public void recordFilesystemUuid(String volumeId, String fsUuid) {
                    throw new AssertionError("retiring never records a filesystem");
                }
            };
        }
    }

    /** A cluster's registrations and partitions, or no answer at all. */
    private static final class Kafka implements ClusterView {
        final Set<Integer> registered = new TreeSet<>();
        final List<PartitionReplicas> partitions = new ArrayList<>();
        boolean reachable = true;

        @Override
        public Set<Integer> registeredBrokers() {
            check();
            return registered;
        }

        @Override
        public List<PartitionReplicas> partitions() {
            check();
            return partitions;
        }

        @Override
        public String describe() {
            return "Kafka at 127.0.0.1:9092";
        }

        private void check() {
            if (!reachable) {
                throw new DependencyUnreachableException("could not describe the topics: timed out", null);
            }
        }
    }
}
