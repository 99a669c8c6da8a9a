package io.kafkaaas.localcloud;

import io.kafkaaas.aws.Ec2Clients;
import io.kafkaaas.aws.Ec2NameTags;
import io.kafkaaas.aws.Ec2NetworkInterfaces;
import io.kafkaaas.aws.Ec2Volumes;
import io.kafkaaas.aws.Ec2WaitingInstances;
import io.kafkaaas.claim.BrokerSlot;
import io.kafkaaas.claim.SlotCatalog;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.instance.WaitingInstance;
import io.kafkaaas.retire.RetiredIds;
import io.kafkaaas.testing.LocalCloudFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The day-2 tags through the helper's real adapters against the local cloud: a retired id's ENI and volume
 * (renamed KAFKA-1-retired) are no slot's any more, so no claimer sees them, and RetiredIds finds them; a standby's
 * kafka-aas:waiting-for-id tag is found while it runs, for its cluster only, and no longer once it is terminated.
 */
class RetiredAndWaitingTagsTest {
    @TempDir
    Path workdir;
    private LocalCloudFixture cloud;
    private Ec2Client client;

    @BeforeEach
    void setUp() {
        cloud = new LocalCloudFixture(workdir, CloudTimings.DEFAULT);
        client = Ec2Clients.ec2(cloud.awsSettings(2, Duration.ofSeconds(10)), "us-east-1");
    }

    @AfterEach
    void tearDown() {
        client.close();
        cloud.close();
    }

    @Test
    void aRetiredIdsEniAndVolumeAreNoSlotsAnyMore() {
        List<BrokerResources.Slot> slots = cloud.brokers(3, "us-east-1a");
        BrokerResources.Slot one = slots.get(1);
        Ec2NetworkInterfaces enis = new Ec2NetworkInterfaces(client, "local");
        Ec2NameTags names = new Ec2NameTags(client, "local");

        names.rename(one.eni().id(), "KAFKA-1-retired");
        names.rename(one.volume().id(), "KAFKA-1-retired");

        List<BrokerSlot> catalog = new SlotCatalog(enis, "KAFKA-").slots(3);
        assertThat(catalog.get(1).interfaces()).as("the retired ENI is no slot's").isEmpty();
        assertThat(catalog.get(0).interfaces()).hasSize(1);
        assertThat(enis.findByName("KAFKA-1")).isEmpty();
        assertThat(new Ec2Volumes(client, "local").findByName("KAFKA-1")).isEmpty();
        assertThat(new Ec2Volumes(client, "local").findByName("KAFKA-1-retired")).singleElement()
                .satisfies(v -> assertThat(v.id()).isEqualTo(one.volume().id()));
        assertThat(RetiredIds.of(enis, "KAFKA-")).isEqualTo(Map.of(1, List.of(one.eni().id())));

        names.rename(one.eni().id(), "KAFKA-1");
        assertThat(new SlotCatalog(enis, "KAFKA-").slots(3).get(1).interfaces()).hasSize(1);
        assertThat(RetiredIds.of(enis, "KAFKA-")).isEmpty();
    }

    @Test
    void aStandbyIsFoundByItsClusterWhileItRuns() {
        CloudInstance standby = cloud.cloud().autoScaling().launch("us-east-1b");
        CloudInstance broker = cloud.cloud().autoScaling().launch("us-east-1a");
        Ec2WaitingInstances waiting = new Ec2WaitingInstances(client, "local");

        waiting.markWaiting(standby.id(), "prod");
        waiting.markWaiting(standby.id(), "prod");   // a second boot's mark changes nothing

        List<WaitingInstance> found = waiting.waiting("prod");
        assertThat(found).singleElement().satisfies(w -> {
            assertThat(w.instanceId()).isEqualTo(standby.id());
            assertThat(w.availabilityZone()).isEqualTo("us-east-1b");
            assertThat(w.state()).isIn(InstanceState.PENDING, InstanceState.RUNNING);
        });
        assertThat(found).extracting(WaitingInstance::instanceId).doesNotContain(broker.id());
        assertThat(waiting.waiting("other-cluster")).isEmpty();

        cloud.cloud().terminate(standby.id());
        cloud.advance(Duration.ofMinutes(5));
        assertThat(waiting.waiting("prod")).isEmpty();
    }
}
