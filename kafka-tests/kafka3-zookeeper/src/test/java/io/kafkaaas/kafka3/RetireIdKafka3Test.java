package io.kafkaaas.kafka3;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.EmbeddedZooKeeper;
import io.kafkaaas.testing.MotoFixtures;
import io.kafkaaas.testing.MotoServer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * retire-id end to end: two real Kafka 3.9 brokers (ZooKeeper mode) started from rendered files, claims in a real
 * ZooKeeper, ENIs, volumes and instances in moto. It refuses while the id's instance runs, while the broker hosts
 * replicas and while it is still registered; after a reassignment and the broker's stop it renames the ENI and volume
 * KAFKA-1-retired and deletes the claim; a re-run changes nothing, no claimer takes the id again, and --restore
 * brings it back. Bad input (an unknown id, no --bootstrap-server) changes nothing.
 */
class RetireIdKafka3Test {
    private static final String AZ = RenderedBroker.AZ;
    private static final String CLUSTER = "retire";

    @TempDir
    Path root0;
    @TempDir
    Path root1;

    @RegisterExtension
    final EmbeddedZooKeeper zookeeper = new EmbeddedZooKeeper();
    private RenderedBroker broker0;
    private RenderedBroker broker1;

    @BeforeAll
    static void credentials() {
        // The helper's adapters use the default credential chain; moto accepts any key.
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterEach
    void stop() throws Exception {
        for (RenderedBroker b : new RenderedBroker[] {broker1, broker0}) {
            if (b != null) {
                b.close();
            }
        }
    }

    @Test
    void retiresOnlyAnIdNothingUsesAndOnlyOnce() throws Exception {
        MotoServer moto = MotoServer.get();
        MotoFixtures fixtures = new MotoFixtures(moto.ec2());
        String eni0 = fixtures.createEni("KAFKA-0", AZ);
        String eni1 = fixtures.createEni("KAFKA-1", AZ);
        fixtures.createVolume("KAFKA-0", AZ, 1);
        String volume1 = fixtures.createVolume("KAFKA-1", AZ, 1);
        String i0 = fixtures.runInstance(AZ);
        String i1 = fixtures.runInstance(AZ);

        List<String> aws = List.of("--region", "us-east-1", "--ec2-endpoint", moto.endpoint().toString());
        List<String> claims = concat(List.of("--zookeeper", zookeeper.connectString(), "--cluster", CLUSTER), aws);
        assertThat(claim(claims, i0).get("brokerId").asInt()).isZero();
        assertThat(claim(claims, i1).get("brokerId").asInt()).isEqualTo(1);

        broker0 = RenderedBroker.start(root0, 0, 2, zookeeper.connectString() + "/kafka");
        broker1 = RenderedBroker.start(root1, 1, 2, zookeeper.connectString() + "/kafka");
        String bootstrap = broker0.bootstrapServer();
        List<String> retire = concat(List.of("retire-id", "--broker-id", "1", "--bootstrap-server", bootstrap, "--output", "json"), claims);

        CuratorFramework zk = zookeeper.observer();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await("both brokers registered", () -> admin.describeCluster().nodes().get().size() == 2);
            admin.createTopics(List.of(new NewTopic("orders", Map.of(0, List.of(1, 0), 1, List.of(0, 1))))).all().get();

            // Bad input changes nothing.
            CliRun unknown = CliRun.of(concat(List.of("retire-id", "--broker-id", "7", "--bootstrap-server", bootstrap), claims));
            assertThat(unknown.exitCode()).as(unknown.stderr()).isEqualTo(2);
            assertThat(unknown.errorLines()).singleElement().asString().contains("broker id 7 is unknown", "KAFKA-7-retired");
            CliRun noKafka = CliRun.of(concat(List.of("retire-id", "--broker-id", "1"), claims));
            assertThat(noKafka.exitCode()).as(noKafka.stderr()).isEqualTo(2);
            assertThat(noKafka.errorLines()).singleElement().asString().contains("--bootstrap-server is required");

            // Its instance still runs: refused, and the message names it.
            CliRun claimed = CliRun.of(retire);
            assertThat(claimed.exitCode()).as(claimed.stderr()).isEqualTo(5);
            assertThat(claimed.errorLines()).singleElement().asString()
                    .contains("broker id 1 is still claimed by a running instance", i1 + " (owner is running)");

            // The instance is gone but Kafka still assigns the broker both partitions.
            fixtures.terminate(i1);
            CliRun hosting = CliRun.of(retire);
            assertThat(hosting.exitCode()).as(hosting.stderr()).isEqualTo(5);
            assertThat(hosting.errorLines()).singleElement().asString()
                    .contains("broker 1 still hosts 2 partition replica(s)", "orders-0", "kafka-reassign-partitions");
            assertThat(nameOf(moto.ec2(), eni1)).isEqualTo("KAFKA-1");
            assertThat(zk.checkExists().forPath(claimPath(1))).as("claim kept while refused").isNotNull();

            // Move every replica to broker 0, as kafka-reassign-partitions --execute would.
            Map<TopicPartition, Optional<NewPartitionReassignment>> plan = Map.of(
                    new TopicPartition("orders", 0), Optional.of(new NewPartitionReassignment(List.of(0))),
                    new TopicPartition("orders", 1), Optional.of(new NewPartitionReassignment(List.of(0))));
            admin.alterPartitionReassignments(plan).all().get();
            await("reassignment done", () -> admin.listPartitionReassignments().reassignments().get().isEmpty()
                    && admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders").partitions().stream()
                    .allMatch(p -> p.replicas().stream().map(Node::id).toList().equals(List.of(0))));

            CliRun registered = CliRun.of(retire);
            assertThat(registered.exitCode()).as(registered.stderr()).isEqualTo(5);
            assertThat(registered.errorLines()).singleElement().asString().contains("broker 1 is still registered");

            broker1.close();
            broker1 = null;
            await("broker 1 deregistered", () -> admin.describeCluster().nodes().get().size() == 1);

            CliRun retired = CliRun.of(retire);
            assertThat(retired.exitCode()).as(retired.stderr()).isZero();
            JsonNode json = retired.json();
            assertThat(json.get("changed").asBoolean()).isTrue();
            assertThat(json.get("state").asText()).isEqualTo("retired");
            assertThat(texts(json.get("renamed"))).containsExactly(eni1, volume1);
            assertThat(json.get("claimReleased").asBoolean()).isTrue();
            assertThat(texts(json.get("mayDelete"))).containsExactly(
                    "aws ec2 delete-network-interface --network-interface-id " + eni1, "aws ec2 delete-volume --volume-id " + volume1);
            assertThat(nameOf(moto.ec2(), eni1)).isEqualTo("KAFKA-1-retired");
            assertThat(volumeNameOf(moto.ec2(), volume1)).isEqualTo("KAFKA-1-retired");
            assertThat(nameOf(moto.ec2(), eni0)).isEqualTo("KAFKA-0");
            assertThat(zk.checkExists().forPath(claimPath(1))).as("claim of the retired id gone").isNull();
            assertThat(zk.checkExists().forPath(claimPath(0))).as("the other claim untouched").isNotNull();

            CliRun again = CliRun.of(retire);
            assertThat(again.exitCode()).as(again.stderr()).isZero();
            assertThat(again.json().get("changed").asBoolean()).isFalse();
            assertThat(again.json().get("renamed")).isEmpty();

            // No instance ever claims the retired id: its ENI is no slot's any more.
            String newcomer = fixtures.runInstance(AZ);
            CliRun noId = CliRun.of(concat(List.of("claim-id", "--broker-count", "2", "--instance-id", newcomer,
                    "--availability-zone", AZ), claims));
            assertThat(noId.exitCode()).as(noId.stderr()).isEqualTo(3);

            List<String> restore = concat(List.of("retire-id", "--restore", "--output", "json"), claims);
            CliRun notRetired = CliRun.of(concat(restore, List.of("--broker-id", "0")));
            assertThat(notRetired.exitCode()).as(notRetired.stderr()).isEqualTo(2);
            assertThat(notRetired.errorLines()).singleElement().asString().contains("broker id 0 is not retired");
            CliRun restored = CliRun.of(concat(restore, List.of("--broker-id", "1")));
            assertThat(restored.exitCode()).as(restored.stderr()).isZero();
            assertThat(restored.json().get("state").asText()).isEqualTo("active");
            assertThat(nameOf(moto.ec2(), eni1)).isEqualTo("KAFKA-1");
            assertThat(volumeNameOf(moto.ec2(), volume1)).isEqualTo("KAFKA-1");
            assertThat(claim(claims, newcomer).get("brokerId").asInt()).as("restored id claimable again").isEqualTo(1);
        }
    }

    private static JsonNode claim(List<String> claims, String instanceId) {
        CliRun run = CliRun.of(concat(List.of("claim-id", "--broker-count", "2", "--instance-id", instanceId,
                "--availability-zone", AZ, "--output", "json"), claims));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.json();
    }

    private static String claimPath(int id) {
        return "/kafka-aas/" + CLUSTER + "/claims/" + id;
    }

    private static String nameOf(Ec2Client ec2, String eniId) {
        return name(ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eniId)).networkInterfaces().get(0).tagSet());
    }

    private static String volumeNameOf(Ec2Client ec2, String volumeId) {
        return name(ec2.describeVolumes(r -> r.volumeIds(volumeId)).volumes().get(0).tags());
    }

    private static String name(List<Tag> tags) {
        return tags.stream().filter(t -> t.key().equals("Name")).map(Tag::value).findFirst().orElse(null);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Waits for the condition itself; the bound only ends a broken run. */
    private static void await(String what, Callable<Boolean> condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!condition.call()) {
            assertThat(Instant.now()).as("still waiting for " + what).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
