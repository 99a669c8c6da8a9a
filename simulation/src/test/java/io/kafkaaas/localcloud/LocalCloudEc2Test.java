package io.kafkaaas.localcloud;

import io.kafkaaas.aws.AwsSettings;
import io.kafkaaas.aws.Ec2Clients;
import io.kafkaaas.aws.Ec2InstanceDirectory;
import io.kafkaaas.aws.Ec2NetworkInterfaces;
import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.testing.LocalCloudFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttachment;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real AWS SDK (and the helper's real adapters) against the local cloud's EC2 Query API. Its transitions
 * run on a manual clock, so "still shutting down" or "still attaching" holds until the test moves time on.
 */
class LocalCloudEc2Test {
    private static final CloudTimings TIMINGS = LocalCloudFixture.QUICK;

    @TempDir
    Path workdir;
    private LocalCloudFixture cloud;
    private Ec2Client ec2;

    @BeforeEach
    void setUp() {
        cloud = new LocalCloudFixture(workdir, TIMINGS);
        ec2 = cloud.ec2();
    }

    @AfterEach
    void tearDown() {
        cloud.close();
    }

    @Test
    void theHelpersAdaptersFindEnisByTagPrefixInEveryZone() {
        cloud.brokers(3, "us-east-1a", "us-east-1b");
        cloud.cloud().createNetworkInterface("us-east-1a", 200, Map.of("Name", "OTHER-0"));
        AwsSettings settings = cloud.awsSettings(2, Duration.ofSeconds(10));
        try (Ec2Client client = Ec2Clients.ec2(settings, "us-east-1")) {
            List<NetworkInterface> enis = new Ec2NetworkInterfaces(client, "local").findByNamePrefix("KAFKA-");

            assertThat(enis).extracting(NetworkInterface::name).containsExactlyInAnyOrder("KAFKA-0", "KAFKA-1", "KAFKA-2");
            NetworkInterface eni1 = enis.stream().filter(n -> n.name().equals("KAFKA-1")).findFirst().orElseThrow();
            assertThat(eni1.availabilityZone()).isEqualTo("us-east-1b");
            assertThat(eni1.privateIp()).isEqualTo("127.0.2.11");
            assertThat(eni1.macAddress()).matches("02(:[0-9a-f]{2}){5}");
            assertThat(eni1.status()).isEqualTo("available");
            assertThat(eni1.attachment()).isEmpty();
        }
    }

    @Test
    void filtersCombineAsInEc2() {
        cloud.brokers(4, "us-east-1a", "us-east-1b");

        var inA = ec2.describeNetworkInterfaces(r -> r.filters(
                Filter.builder().name("tag:Name").values("KAFKA-*").build(),
                Filter.builder().name("availability-zone").values("us-east-1a").build())).networkInterfaces();
        var exact = ec2.describeNetworkInterfaces(r -> r.filters(
                Filter.builder().name("tag:Name").values("KAFKA-3", "KAFKA-?").build())).networkInterfaces();
        var volumes = ec2.describeVolumes(r -> r.filters(
                Filter.builder().name("tag:Name").values("KAFKA-2").build(),
                Filter.builder().name("availability-zone").values("us-east-1a").build())).volumes();

        assertThat(inA).extracting(n -> name(n.tagSet())).containsExactly("KAFKA-0", "KAFKA-2");
        assertThat(exact).hasSize(4);
        assertThat(volumes).singleElement().satisfies(v -> {
            assertThat(v.availabilityZone()).isEqualTo("us-east-1a");
            assertThat(v.stateAsString()).isEqualTo("available");
        });
        assertThatThrownBy(() -> ec2.describeVolumes(r -> r.filters(Filter.builder().name("no-such-filter").values("x").build())))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.describeVolumes(r -> r.volumeIds("vol-0000000000000000")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidVolume.NotFound"));
    }

    @Test
    void paginatesWithMaxResultsAndNextToken() {
        cloud.brokers(5, "us-east-1a");
        var pages = ec2.describeNetworkInterfacesPaginator(r -> r.maxResults(5).filters(
                Filter.builder().name("tag:Name").values("KAFKA-*").build()));
        assertThat(pages.networkInterfaces().stream().count()).isEqualTo(5);
        var first = ec2.describeNetworkInterfaces(r -> r.maxResults(2));
        assertThat(first.networkInterfaces()).hasSize(2);
        assertThat(first.nextToken()).isNotNull();
    }

    @Test
    void anEniAttachesToOneInstanceAtATime() {
        String eni = cloud.brokers(1, "us-east-1a").get(0).eni().id();
        var first = cloud.running("us-east-1a");
        var second = cloud.running("us-east-1a");

        String attachmentId = ec2.attachNetworkInterface(r -> r.networkInterfaceId(eni).instanceId(first.id()).deviceIndex(1)).attachmentId();
        assertThat(describeEni(eni).attachment().statusAsString()).isEqualTo("attaching");
        cloud.advance(TIMINGS.attach());
        assertThat(describeEni(eni).attachment().statusAsString()).isEqualTo("attached");
        NetworkInterfaceAttachment attachment = describeEni(eni).attachment();
        assertThat(attachment.attachmentId()).isEqualTo(attachmentId);
        assertThat(attachment.instanceId()).isEqualTo(first.id());
        assertThat(describeEni(eni).statusAsString()).isEqualTo("in-use");

        assertThatThrownBy(() -> ec2.attachNetworkInterface(r -> r.networkInterfaceId(eni).instanceId(second.id()).deviceIndex(1)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidNetworkInterface.InUse");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        var byInstance = ec2.describeNetworkInterfaces(r -> r.filters(
                Filter.builder().name("attachment.instance-id").values(first.id()).build())).networkInterfaces();
        assertThat(byInstance).extracting(n -> n.networkInterfaceId()).containsExactly(eni);

        ec2.detachNetworkInterface(r -> r.attachmentId(attachmentId));
        assertThat(describeEni(eni).attachment().statusAsString()).isEqualTo("detaching");
        cloud.advance(TIMINGS.detach());
        assertThat(describeEni(eni).attachment()).isNull();
        assertThat(describeEni(eni).statusAsString()).isEqualTo("available");
        ec2.attachNetworkInterface(r -> r.networkInterfaceId(eni).instanceId(second.id()).deviceIndex(1));
        cloud.advance(TIMINGS.attach());
        assertThat(describeEni(eni).attachment().instanceId()).isEqualTo(second.id());
    }

    @Test
    void aVolumeAttachesToOneInstanceAtATime() {
        String volume = cloud.brokers(1, "us-east-1a").get(0).volume().id();
        var first = cloud.running("us-east-1a");
        var second = cloud.running("us-east-1a");

        var answer = ec2.attachVolume(r -> r.volumeId(volume).instanceId(first.id()).device("/dev/xvdf"));
        assertThat(answer.stateAsString()).isEqualTo("attaching");
        cloud.advance(TIMINGS.attach());
        assertThat(describeVolume(volume).attachments().get(0).stateAsString()).isEqualTo("attached");
        assertThat(describeVolume(volume).stateAsString()).isEqualTo("in-use");

        assertThatThrownBy(() -> ec2.attachVolume(r -> r.volumeId(volume).instanceId(second.id()).device("/dev/xvdf")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("VolumeInUse"));

        assertThat(ec2.detachVolume(r -> r.volumeId(volume)).stateAsString()).isEqualTo("detaching");
        assertThatThrownBy(() -> ec2.attachVolume(r -> r.volumeId(volume).instanceId(second.id()).device("/dev/xvdf")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IncorrectState"));
        cloud.advance(TIMINGS.detach());
        assertThat(describeVolume(volume).stateAsString()).isEqualTo("available");
        ec2.attachVolume(r -> r.volumeId(volume).instanceId(second.id()).device("/dev/xvdf"));
        cloud.advance(TIMINGS.attach());
        assertThat(describeVolume(volume).attachments()).singleElement()
                .satisfies(a -> assertThat(a.instanceId()).isEqualTo(second.id()));
        assertThatThrownBy(() -> ec2.detachVolume(r -> r.volumeId(cloud.cloud().createVolume("us-east-1a", 1, Map.of()).id())))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IncorrectState"));
    }

    @Test
    void nothingCrossesAnAvailabilityZone() {
        var slot = cloud.brokers(1, "us-east-1a").get(0);
        var elsewhere = cloud.running("us-east-1b");

        assertThatThrownBy(() -> ec2.attachNetworkInterface(r -> r.networkInterfaceId(slot.eni().id()).instanceId(elsewhere.id()).deviceIndex(1)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination"));
        assertThatThrownBy(() -> ec2.attachVolume(r -> r.volumeId(slot.volume().id()).instanceId(elsewhere.id()).device("/dev/xvdf")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidVolume.ZoneMismatch"));
        assertThat(describeEni(slot.eni().id()).attachment()).isNull();
        assertThat(describeVolume(slot.volume().id()).attachments()).isEmpty();
    }

    @Test
    void aTerminatedOwnerReleasesItsEniAndVolumeOnlyOnceTerminated() throws Exception {
        var slot = cloud.brokers(1, "us-east-1a").get(0);
        String owner = ec2.runInstances(r -> r.imageId("ami-1").minCount(1).maxCount(1)
                .placement(p -> p.availabilityZone("us-east-1a"))).instances().get(0).instanceId();
        assertThat(state(owner)).isEqualTo("pending");
        cloud.advance(TIMINGS.boot());
        assertThat(state(owner)).isEqualTo("running");
        ec2.attachNetworkInterface(r -> r.networkInterfaceId(slot.eni().id()).instanceId(owner).deviceIndex(1));
        ec2.attachVolume(r -> r.volumeId(slot.volume().id()).instanceId(owner).device("/dev/xvdf"));
        cloud.advance(TIMINGS.attach());
        assertThat(describeEni(slot.eni().id()).attachment().statusAsString()).isEqualTo("attached");

        var terminated = ec2.terminateInstances(r -> r.instanceIds(owner)).terminatingInstances().get(0);
        assertThat(terminated.currentState().nameAsString()).isEqualTo("shutting-down");
        assertThat(terminated.previousState().nameAsString()).isEqualTo("running");
        // While shutting down the ENI and volume are still held: a replacement must wait, not steal them.
        assertThat(describeEni(slot.eni().id()).attachment().instanceId()).isEqualTo(owner);
        var replacement = cloud.running("us-east-1a");
        assertThatThrownBy(() -> ec2.attachNetworkInterface(r -> r.networkInterfaceId(slot.eni().id()).instanceId(replacement.id()).deviceIndex(1)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidNetworkInterface.InUse"));
        assertThatThrownBy(() -> ec2.attachNetworkInterface(r -> r.networkInterfaceId(slot.eni().id()).instanceId(owner).deviceIndex(2)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isIn("InvalidNetworkInterface.InUse", "IncorrectInstanceState"));

        cloud.awaitScheduled("by the OS shutdown of " + owner);
        cloud.advance(TIMINGS.shutdown());
        assertThat(state(owner)).isEqualTo("terminated");
        assertThat(describeEni(slot.eni().id()).attachment()).isNull();
        assertThat(describeVolume(slot.volume().id()).attachments()).isEmpty();
        ec2.attachNetworkInterface(r -> r.networkInterfaceId(slot.eni().id()).instanceId(replacement.id()).deviceIndex(1));
        ec2.attachVolume(r -> r.volumeId(slot.volume().id()).instanceId(replacement.id()).device("/dev/xvdf"));
        assertThatThrownBy(() -> ec2.attachVolume(r -> r.volumeId(slot.volume().id()).instanceId(owner).device("/dev/xvdg")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IncorrectInstanceState"));
    }

    @Test
    void theInstanceDirectoryAdapterSeesTheLifecycle() throws Exception {
        var running = cloud.running("us-east-1a");
        var dying = cloud.running("us-east-1b");
        cloud.cloud().terminate(dying.id());
        AwsSettings settings = cloud.awsSettings(2, Duration.ofSeconds(10));
        try (Ec2Client client = Ec2Clients.ec2(settings, "us-east-1")) {
            var directory = new Ec2InstanceDirectory(client, "local");
            Map<String, InstanceState> states = directory.states(List.of(running.id(), dying.id(), "i-0123456789abcdef0"));

            assertThat(states).containsEntry(running.id(), InstanceState.RUNNING);
            assertThat(states.get(dying.id())).isEqualTo(InstanceState.SHUTTING_DOWN);
            assertThat(states).doesNotContainKey("i-0123456789abcdef0");
            cloud.awaitScheduled("by the OS shutdown of " + dying.id());
            cloud.advance(TIMINGS.shutdown());
            assertThat(directory.states(List.of(dying.id()))).containsEntry(dying.id(), InstanceState.TERMINATED);
        }
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound"));
        List<Instance> runningOnly = ec2.describeInstances(r -> r.filters(Filter.builder().name("instance-state-name").values("running").build()))
                .reservations().stream().flatMap(r -> r.instances().stream()).toList();
        assertThat(runningOnly).extracting(Instance::instanceId).containsExactly(running.id());
    }

    @Test
    void createTagsRetagsAResource() {
        String volume = cloud.brokers(1, "us-east-1a").get(0).volume().id();
        ec2.createTags(r -> r.resources(volume).tags(Tag.builder().key("kafka-aas:formatted").value("true").build()));
        assertThat(describeVolume(volume).tags()).extracting(Tag::key).contains("Name", "kafka-aas:formatted");
        assertThatThrownBy(() -> ec2.createTags(r -> r.resources("vol-0000000000000000").tags(Tag.builder().key("a").value("b").build())))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidVolume.NotFound"));
    }

    @Test
    void anUnknownActionIsRejectedByName() {
        assertThatThrownBy(() -> ec2.describeVpcs())
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction"));
    }

    private software.amazon.awssdk.services.ec2.model.NetworkInterface describeEni(String id) {
        return ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(id)).networkInterfaces().get(0);
    }

    private Volume describeVolume(String id) {
        return ec2.describeVolumes(r -> r.volumeIds(id)).volumes().get(0);
    }

    private String state(String instanceId) {
        return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0).state().nameAsString();
    }

    private static String name(List<Tag> tags) {
        return tags.stream().filter(t -> t.key().equals("Name")).map(Tag::value).findFirst().orElse(null);
    }
}
