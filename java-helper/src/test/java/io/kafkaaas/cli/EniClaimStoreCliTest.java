package io.kafkaaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.FakeAwsQueryServer;
import io.kafkaaas.testing.FakeAwsQueryServer.Reply;
import io.kafkaaas.testing.MotoFixtures;
import io.kafkaaas.testing.MotoServer;
import io.kafkaaas.testing.StderrCapture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --claim-store on the CLI: which store a command uses, the bad input around it, and the ENI store end to end through
 * the real SDK against moto_server (moto accepts an attach of an ENI in use, so the race itself is tested against the
 * local cloud; here every claimer runs after the last).
 */
class EniClaimStoreCliTest {
    private static final String AZ = "us-east-1a";
    /** Nothing listens here: a command that tried ZooKeeper would fail with exit 6. */
    private static final String NO_ZOOKEEPER = "127.0.0.1:1";

    @TempDir
    Path root;

    private static List<String> args(String command, String instance, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--instance-id", instance, "--availability-zone", AZ,
                "--region", "us-east-1", "--ec2-endpoint", "http://127.0.0.1:9", "--output", "json"));
        args.addAll(List.of(extra));
        return args;
    }

    @BeforeEach
    void credentials() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @Test
    void theZooKeeperStoreWithoutZookeeperIsAUsageErrorThatNamesTheEniStore() {
        CliRun explicit = CliRun.of(args("claim-id", "i-0001", "--claim-store", "zookeeper", "--cluster", "C", "--broker-count", "3"));
        assertThat(explicit.exitCode()).isEqualTo(2);
        assertThat(explicit.errorLines()).singleElement().asString()
                .contains("--zookeeper is required with --claim-store zookeeper: give the ZooKeeper connect string")
                .contains("or pass --claim-store eni");

        CliRun byDefault = CliRun.of(args("status", "i-0001", "--cluster", "C", "--broker-count", "3"));
        assertThat(byDefault.exitCode()).isEqualTo(2);
        assertThat(byDefault.errorLines()).singleElement().asString()
                .contains("--zookeeper is required with --claim-store zookeeper (the default with --kafka-mode zookeeper)");

        CliRun release = CliRun.of(args("release-id", "i-0001", "--kafka-mode", "kraft", "--claim-store", "zookeeper"));
        assertThat(release.exitCode()).isEqualTo(2);
        assertThat(release.errorLines()).singleElement().asString().contains("--zookeeper is required with --claim-store zookeeper:");
    }

    @Test
    void anUnknownClaimStoreIsAUsageError() {
        CliRun run = CliRun.of(args("claim-id", "i-0001", "--claim-store", "etcd", "--broker-count", "3"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("--claim-store", "etcd");
    }

    private MotoServer moto;
    private Ec2Client ec2;
    private MotoFixtures fixtures;

    private void moto() {
        moto = MotoServer.get();
        ec2 = moto.ec2();
        fixtures = new MotoFixtures(ec2);
    }

    private CliRun onMoto(String command, String instance, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--instance-id", instance, "--availability-zone", AZ, "--output", "json"));
        args.addAll(List.of(moto.cliOptions()));
        args.addAll(List.of(extra));
        return CliRun.of(args);
    }

    private NetworkInterface eni(String name) {
        return ec2.describeNetworkInterfaces(r -> r.filters(Filter.builder().name("tag:Name").values(name).build()))
                .networkInterfaces().get(0);
    }

    @Test
    void withKraftTheClaimIsTheEniAttachmentAndNoZooKeeperIsNeeded() {
        moto();
        fixtures.createBrokerEnis("KAFKA-", 3, AZ);
        String first = fixtures.runInstance(AZ);
        String second = fixtures.runInstance(AZ);

        CliRun claimed = onMoto("claim-id", first, "--kafka-mode", "kraft", "--broker-count", "3");
        assertThat(claimed.exitCode()).as(claimed.stderr()).isZero();
        assertThat(claimed.errorLines()).isEmpty();
        JsonNode json = claimed.json();
        assertThat(json.get("brokerId").asInt()).isZero();
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("eniId").asText()).isEqualTo(eni("KAFKA-0").networkInterfaceId());
        assertThat(eni("KAFKA-0").attachment().instanceId()).isEqualTo(first);
        assertThat(eni("KAFKA-0").attachment().deviceIndex()).isEqualTo(1);

        CliRun next = onMoto("claim-id", second, "--kafka-mode", "kraft", "--broker-count", "3");
        assertThat(next.json().get("brokerId").asInt()).isEqualTo(1);

        CliRun again = onMoto("claim-id", first, "--kafka-mode", "kraft", "--broker-count", "3");
        assertThat(again.json().get("brokerId").asInt()).isZero();
        assertThat(again.json().get("changed").asBoolean()).isFalse();

        JsonNode slots = onMoto("status", first, "--claim-store", "eni", "--broker-count", "3").json().get("slots");
        assertThat(slots.get(0).get("owner").asText()).isEqualTo(first);
        assertThat(slots.get(0).get("ownerState").asText()).isEqualTo("running");
        assertThat(slots.get(0).get("liveness").asText()).isEqualTo("alive");
        assertThat(slots.get(1).get("owner").asText()).isEqualTo(second);
        assertThat(slots.get(2).get("owner").isNull()).isTrue();
        assertThat(slots.get(2).get("liveness").asText()).isEqualTo("absent");
    }

    @Test
    void anOwnerItsGroupIsTerminatingIsWaitedForThroughTheAutoScalingEndpointAndAnyOtherIsExit3() {
        moto();
        fixtures.createBrokerEnis("KAFKA-", 1, AZ);
        String owner = fixtures.runInstance(AZ);
        String replacement = fixtures.runInstance(AZ);
        assertThat(onMoto("claim-id", owner, "--kafka-mode", "kraft", "--broker-count", "1").exitCode()).isZero();

        try (FakeAwsQueryServer autoScaling = new FakeAwsQueryServer()) {
            String endpoint = autoScaling.endpoint().toString();
            // In its termination hook: still running to EC2 (moto), Terminating:Wait to its group. --timeout 0: one look.
            autoScaling.on("DescribeAutoScalingInstances", Reply.ok("DescribeAutoScalingInstances",
                    FakeAwsQueryServer.autoScalingInstance(owner, "kafka-brokers", "Terminating:Wait", "HEALTHY")));
            CliRun leaving = onMoto("claim-id", replacement, "--kafka-mode", "kraft", "--broker-count", "1", "--timeout", "0",
                    "--autoscaling-endpoint", endpoint);
            assertThat(leaving.exitCode()).as(leaving.stderr()).isEqualTo(4);
            assertThat(leaving.stderr()).contains("held by leaving instances").contains(owner).contains("Terminating:Wait");
            assertThat(autoScaling.requests()).singleElement().satisfies(r -> assertThat(r)
                    .containsEntry("Action", "DescribeAutoScalingInstances").containsEntry("InstanceIds.member.1", owner));
            assertThat(eni("KAFKA-0").attachment().instanceId()).isEqualTo(owner);

            autoScaling.on("DescribeAutoScalingInstances", Reply.ok("DescribeAutoScalingInstances",
                    FakeAwsQueryServer.autoScalingInstance(owner, "kafka-brokers", "InService", "HEALTHY")));
            CliRun staying = onMoto("claim-id", replacement, "--kafka-mode", "kraft", "--broker-count", "1", "--timeout", "0",
                    "--autoscaling-endpoint", endpoint);
            assertThat(staying.exitCode()).as(staying.stderr()).isEqualTo(3);
        }

        // Nothing answers there: exit 3 as without the look-up, with one line saying the state could not be read.
        CliRun[] unreadable = new CliRun[1];
        String log = StderrCapture.during(() -> unreadable[0] = onMoto("claim-id", replacement, "--kafka-mode", "kraft",
                "--broker-count", "1", "--autoscaling-endpoint", "http://127.0.0.1:9", "--aws-max-attempts", "1"));
        assertThat(unreadable[0].exitCode()).as(unreadable[0].stderr()).isEqualTo(3);
        assertThat(log).contains("the Auto Scaling lifecycle state of " + owner + " could not be read")
                .contains("not waiting for it").contains("could not reach http://127.0.0.1:9");
    }

    @Test
    void theEniStoreIgnoresAGivenZookeeperWithOneLineAndReleaseDetachesNothing() {
        moto();
        fixtures.createBrokerEnis("KAFKA-", 2, AZ);
        String instance = fixtures.runInstance(AZ);

        CliRun claimed = onMoto("claim-id", instance, "--claim-store", "eni", "--zookeeper", NO_ZOOKEEPER, "--cluster", "C",
                "--broker-count", "2");
        assertThat(claimed.exitCode()).as(claimed.stderr()).isZero();
        assertThat(claimed.errorLines()).containsExactly(
                "kafka-aas: warning: --zookeeper is ignored with --claim-store eni: the ENI attachment is the claim, ZooKeeper is not used");
        assertThat(claimed.json().get("cluster").asText()).isEqualTo("C");

        CliRun released = onMoto("release-id", instance, "--claim-store", "eni");
        assertThat(released.exitCode()).as(released.stderr()).isZero();
        assertThat(released.json().get("changed").asBoolean()).isFalse();
        assertThat(released.json().get("releasedIds")).isEmpty();
        assertThat(released.json().get("claimStore").asText()).isEqualTo("eni");
        assertThat(eni("KAFKA-0").attachment().instanceId()).as("termination releases it, not release-id").isEqualTo(instance);

        List<String> text = new ArrayList<>(List.of("release-id", "--claim-store", "eni", "--instance-id", instance,
                "--availability-zone", AZ));
        text.addAll(List.of(moto.cliOptions()));
        assertThat(CliRun.of(text).stdout()).contains("nothing detached", "when it terminates");
    }

    @Test
    void bootstrapOnTheEniStoreClaimsByAttachingSoTheEniStepChangesNothing() throws Exception {
        moto();
        for (int i = 0; i < 3; i++) {
            fixtures.createEni("KAFKA-" + i, AZ);
            fixtures.createVolume("KAFKA-" + i, AZ, 10);
        }
        String instance = fixtures.runInstance(AZ);
        // The voters are the ENIs' static IPs: what the stack passes.
        String voters = IntStream.range(0, 3).mapToObj(i -> i + "@" + eni("KAFKA-" + i).privateIpAddress() + ":9093")
                .collect(Collectors.joining(","));

        CliRun run = onMoto("bootstrap", instance, "--kafka-mode", "kraft", "--controller-voters", voters,
                "--broker-count", "3", "--no-mount",
                "--mount-point", "/var/lib/kafka", "--interface-timeout", "0", "--network-style", "none",
                "--root", root.toString(), "--kafka-group", "root");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.errorLines()).as("only the warning that no kernel interface has the ENI's MAC here")
                .noneMatch(l -> l.contains("zookeeper"));
        JsonNode steps = run.json().get("steps");
        assertThat(steps.get("claim").get("changed").asBoolean()).isTrue();
        assertThat(steps.get("claim").get("brokerId").asInt()).isZero();
        assertThat(steps.get("eni").get("changed").asBoolean()).as("the claim attached it").isFalse();
        assertThat(eni("KAFKA-0").attachment().instanceId()).isEqualTo(instance);
        String server = Files.readString(root.resolve("etc/kafka/server.properties"));
        assertThat(server).contains("node.id=0").doesNotContain("zookeeper.connect");
    }
}
