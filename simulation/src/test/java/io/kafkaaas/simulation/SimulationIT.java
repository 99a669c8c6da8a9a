package io.kafkaaas.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaaas.testing.JarRun;
import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command, end to end: the shaded jar runs the simulation with 3 real Kafka 3.9 brokers
 * and 1 replacement; the replacement must come back with the same broker id, ENI IP and volume.
 */
class SimulationIT {
    @TempDir
    Path tmp;

    private static void requireKafkaLibs() {
        Path libs = JarRun.jar().getParent().getParent().getParent().resolve("simulation-kafka/target/kafka-libs");
        Requirements.require(Files.isDirectory(libs), "no Kafka classpath at " + libs + "; build simulation-kafka first");
    }

    @Test
    void withTlsBrokersFetchTheirKeystoresBootSecuredServeTlsClientsAndAReplacementKeepsItsIdentity() throws Exception {
        requireKafkaLibs();
        Path workdir = tmp.resolve("sim");
        Path stderr = tmp.resolve("stderr.txt");
        Process p = JarRun.start(stderr, "simulate", "--tls", "--brokers", "3", "--replacements", "1", "--workdir", workdir.toString(),
                "--records", "3000", "--records-while-down", "1000", "--kafka-port", "25092", "--output", "json");
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(stderr);
        assertThat(p.exitValue()).as(log).isZero();

        JsonNode json = new ObjectMapper().readTree(stdout);
        assertThat(json.get("tls").asBoolean()).isTrue();
        assertThat(json.get("underReplicatedPartitions").asInt()).isZero();
        assertThat(json.get("recordsInTopic").asLong()).isEqualTo(4000).isEqualTo(json.get("recordsProduced").asLong());
        assertThat(json.get("recordsConsumed").asLong()).as("every record read back over TLS").isEqualTo(4000);
        JsonNode r = json.get("replacements").get(0);
        assertThat(r.get("after").get("privateIp").asText()).isEqualTo(r.get("before").get("privateIp").asText());
        assertThat(r.get("after").get("volumeId").asText()).isEqualTo(r.get("before").get("volumeId").asText());
        assertThat(r.get("after").get("instanceId").asText()).isNotEqualTo(r.get("before").get("instanceId").asText());
        assertThat(r.get("waitHealthy").get("outOfIsr")).isEmpty();
        assertThat(json.get("boots")).hasSize(4).allSatisfy(boot -> assertThat(boot.get("succeeded").asBoolean()).isTrue());

        // The replacement fetched broker 0's keystore from the local cloud's SSM and booted with TLS and SCRAM.
        Path instance = workdir.resolve("instances").resolve(r.get("after").get("instanceId").asText());
        Properties server = new Properties();
        try (var in = Files.newInputStream(instance.resolve("etc/kafka/server.properties"))) {
            server.load(in);
        }
        assertThat(server.getProperty("listeners")).isEqualTo("SSL://127.0.1.10:25092,INTERNAL://127.0.1.10:25093");
        assertThat(server.getProperty("listener.security.protocol.map")).isEqualTo("SSL:SSL,INTERNAL:SASL_SSL");
        assertThat(server.getProperty("inter.broker.listener.name")).isEqualTo("INTERNAL");
        assertThat(server.getProperty("sasl.mechanism.inter.broker.protocol")).isEqualTo("SCRAM-SHA-512");
        assertThat(Files.readAllBytes(instance.resolve("etc/kafka/secrets/kafka.keystore.p12")))
                .isEqualTo(Files.readAllBytes(workdir.resolve("tls/broker-0.p12")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(instance.resolve("etc/kafka/secrets/keystore.password"))))
                .isEqualTo("rw-r-----");
        String helperLog = Files.readString(instance.resolve("logs/kafka-aas.log"));
        assertThat(helperLog).contains("SSM parameter /kafka-aas/simulation/keystore/0")
                .doesNotContain(server.getProperty("ssl.keystore.password"));
        assertThat(log + stdout).doesNotContain(server.getProperty("ssl.keystore.password"));
        assertThat(log).contains("throw-away CA in " + workdir.resolve("tls"));
    }

    @Test
    void aFirstReplacementThatFailsToBootIsReplacedUntilTheBrokerIsBackWithItsIdIpAndVolume() throws Exception {
        requireKafkaLibs();
        Path workdir = tmp.resolve("sim");
        Path stderr = tmp.resolve("stderr.txt");
        Process p = JarRun.start(stderr, "simulate", "--brokers", "2", "--replacements", "1", "--fail-first-boot",
                "--workdir", workdir.toString(), "--records", "1000", "--records-while-down", "500", "--kafka-port", "19094",
                "--output", "json");
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(8, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(stderr);
        assertThat(p.exitValue()).as(log).isZero();

        JsonNode json = new ObjectMapper().readTree(stdout);
        JsonNode r = json.get("replacements").get(0);
        assertThat(r.get("failedBoots")).hasSize(1);
        String failed = r.get("failedBoots").get(0).asText();
        assertThat(failed).isNotIn(r.get("before").get("instanceId").asText(), r.get("after").get("instanceId").asText());
        assertThat(r.get("after").get("privateIp").asText()).isEqualTo(r.get("before").get("privateIp").asText());
        assertThat(r.get("after").get("volumeId").asText()).isEqualTo(r.get("before").get("volumeId").asText());
        assertThat(json.get("underReplicatedPartitions").asInt()).isZero();
        assertThat(json.get("recordsInTopic").asLong()).isEqualTo(1500);

        // The failed boot: bootstrap refused for data safety (exit 5), nothing started, failure signalled, instance replaced.
        JsonNode boot = null;
        for (JsonNode b : json.get("boots")) {
            if (b.get("instanceId").asText().equals(failed)) {
                boot = b;
            }
        }
        assertThat(boot).isNotNull();
        assertThat(boot.get("succeeded").asBoolean()).isFalse();
        assertThat(boot.get("steps")).extracting(st -> st.get("step").asText()).containsExactly("bootstrap", "signal --failure");
        assertThat(boot.get("steps").get(0).get("exitCode").asInt()).isEqualTo(5);
        assertThat(boot.get("steps").get(0).get("detail").asText()).contains("meta.properties").contains("cluster.id");
        assertThat(boot.get("steps").get(1).get("exitCode").asInt()).isZero();
        assertThat(boot.get("healthStatus").asText()).isEqualTo("UNHEALTHY");
        assertThat(boot.get("lifecycleState").asText()).isEqualTo("Terminating");
        assertThat(Files.exists(workdir.resolve("instances").resolve(failed).resolve("logs/kafka.log")))
                .as("no Kafka started on the refused instance").isFalse();
        assertThat(log).contains("the group terminated " + failed);
    }

    @Test
    void aHealthGatedRollOfEveryBrokerKeepsIdIpAndDataWithAnExtraInstanceThatWaitsWithoutAnId() throws Exception {
        requireKafkaLibs();
        Path workdir = tmp.resolve("sim");
        Path stderr = tmp.resolve("stderr.txt");
        Process p = JarRun.start(stderr, "simulate", "--brokers", "3", "--replacements", "3", "--extra-instances", "1",
                "--workdir", workdir.toString(), "--records", "1000", "--records-while-down", "300", "--kafka-port", "27092",
                "--output", "json");
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(40, TimeUnit.MINUTES)).isTrue(); // a bound for a broken run: 3 roll steps on a loaded machine
        String log = Files.readString(stderr);
        assertThat(p.exitValue()).as(log).isZero();
        JsonNode json = new ObjectMapper().readTree(stdout);

        // The extra instance: no free id (exit 3), signal --waiting, in service and healthy, listed by status, holding nothing.
        assertThat(json.get("standbys")).singleElement().satisfies(s -> {
            assertThat(s.get("bootstrapExitCode").asInt()).isEqualTo(3);
            assertThat(s.get("lifecycleState").asText()).isEqualTo("InService");
            assertThat(s.get("healthStatus").asText()).isEqualTo("HEALTHY");
            assertThat(s.get("listedWaitingForId").asBoolean()).isTrue();
            assertThat(s.get("ownsSlot").asBoolean()).isFalse();
            assertThat(s.get("brokersRegisteredAfter")).extracting(JsonNode::asInt).containsExactly(0, 1, 2);
            assertThat(s.get("underReplicatedAfter").asInt()).isZero();
        });
        String standby = json.get("standbys").get(0).get("instanceId").asText();
        JsonNode standbyBoot = null;
        for (JsonNode b : json.get("boots")) {
            if (b.get("instanceId").asText().equals(standby)) {
                standbyBoot = b;
            }
        }
        assertThat(standbyBoot).isNotNull();
        assertThat(standbyBoot.get("standby").asBoolean()).isTrue();
        assertThat(standbyBoot.get("steps")).extracting(st -> st.get("step").asText()).containsExactly("bootstrap", "signal --waiting");
        assertThat(standbyBoot.get("steps").get(1).get("exitCode").asInt()).isZero();
        assertThat(Files.exists(workdir.resolve("instances").resolve(standby).resolve("logs/kafka.log")))
                .as("no Kafka on the standby").isFalse();
        // Its bootstrap wrote the one structured timing line the journal gets.
        assertThat(Files.readString(workdir.resolve("instances").resolve(standby).resolve("logs/kafka-aas.log")))
                .containsPattern("kafka-aas-boot \\{\"event\":\"bootstrap\",\"instanceId\":\"" + standby + "\".*\"exitCode\":3,\"failedStep\":\"claim\"");

        // The roll: every broker in turn, each back with its id, IP and volume, 0 under-replicated partitions at each step end.
        JsonNode replacements = json.get("replacements");
        assertThat(replacements).extracting(r -> r.get("brokerId").asInt()).containsExactly(0, 1, 2);
        assertThat(replacements).allSatisfy(r -> {
            assertThat(r.get("after").get("privateIp").asText()).isEqualTo(r.get("before").get("privateIp").asText());
            assertThat(r.get("after").get("volumeId").asText()).isEqualTo(r.get("before").get("volumeId").asText());
            assertThat(r.get("after").get("instanceId").asText()).isNotIn(r.get("before").get("instanceId").asText(), standby);
            assertThat(r.get("waitHealthy").get("underReplicated")).isEmpty();
            assertThat(r.get("underReplicatedWhileDown").asInt()).as("the down broker's partitions").isPositive();
            assertThat(r.get("underReplicatedAtEnd").asInt()).isZero();
        });
        assertThat(log).contains("roll step 1 gate passed", "roll step 2 gate passed", "roll step 3 gate passed");
        assertThat(stdout.lines().count()).as("exactly one JSON object on stdout").isEqualTo(1);
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("underReplicatedPartitions").asInt()).isZero();
        assertThat(json.get("recordsInTopic").asLong()).isEqualTo(1900).isEqualTo(json.get("recordsProduced").asLong());
        assertThat(json.get("finalBrokers")).extracting(b -> b.get("privateIp").asText())
                .containsExactly("127.0.1.10", "127.0.2.11", "127.0.3.12");
        assertThat(log).contains("stopped every broker, ZooKeeper and the local cloud");

        // Each replacement: the reattached volume kept the old log, so it fetched what it missed (the 300 records
        // produced while it was down, all of them before its Kafka started), not the whole topic; its wait-healthy saw
        // it back in the ISR of every partition it hosts (6 partitions, RF 3 on 3 brokers); no failed boot.
        assertThat(replacements).allSatisfy(r -> {
            String before = r.get("before").get("instanceId").asText();
            String newInstance = r.get("after").get("instanceId").asText();
            assertThat(r.get("after").get("availabilityZone").asText()).isEqualTo(r.get("before").get("availabilityZone").asText());
            assertThat(r.get("bytesOnVolumeAtBoot").asLong()).isGreaterThan(1000L * 1024);
            assertThat(r.get("bytesFetchedFromPeers").asLong()).isBetween(300L * 1024, 1200L * 1024);
            int terminated = log.indexOf("terminating " + before);
            assertThat(log.indexOf("produced 300 records", terminated)).as(log).isGreaterThan(terminated)
                    .isLessThan(log.indexOf(newInstance + " start Kafka"));
            assertThat(r.get("waitHealthy").get("partitions").asInt()).isEqualTo(6);
            assertThat(r.get("waitHealthy").get("outOfIsr")).isEmpty();
            assertThat(r.get("failedBoots")).isEmpty();
            assertThat(r.get("secondsToInSync").asDouble()).isPositive();
            assertThat(r.get("secondsFromTerminateToInSync").asDouble()).isGreaterThan(r.get("secondsToInSync").asDouble());
        });

        // The claim went through the real CLI: the replacement took broker id 0 over from its owner, shutting down or
        // terminated; Kafka got its heap from the rendered environment file, as EnvironmentFile= gives it on the AMI.
        JsonNode first = replacements.get(0);
        Path firstInstance = workdir.resolve("instances").resolve(first.get("after").get("instanceId").asText());
        assertThat(Files.readString(firstInstance.resolve("logs/kafka-aas.log")))
                .contains("took over broker id 0 from " + first.get("before").get("instanceId").asText());
        assertThat(Files.readString(firstInstance.resolve("etc/default/kafka"))).contains("KAFKA_HEAP_OPTS=\"-Xms256m -Xmx256m\"");

        // Every instance but the standby ran the AMI's boot sequence, in order, and its group put it in service.
        List<JsonNode> brokerBoots = new ArrayList<>();
        json.get("boots").forEach(boot -> {
            if (!boot.get("instanceId").asText().equals(standby)) {
                brokerBoots.add(boot);
            }
        });
        assertThat(brokerBoots).hasSize(6).allSatisfy(boot -> {
            assertThat(boot.get("succeeded").asBoolean()).isTrue();
            assertThat(boot.get("steps")).extracting(st -> st.get("step").asText())
                    .containsExactly("bootstrap", "start Kafka", "wait-healthy", "signal --success");
            assertThat(boot.get("steps")).allSatisfy(st -> assertThat(st.get("exitCode").asInt()).isZero());
            assertThat(boot.get("lifecycleState").asText()).isEqualTo("InService");
        });
    }

    @Test
    void ctrlCStopsEveryBrokerAndExits() throws Exception {
        requireKafkaLibs();
        Path stderr = tmp.resolve("stderr.txt");
        Process p = JarRun.start(stderr, "simulate", "--brokers", "2", "--workdir", tmp.resolve("sim").toString(),
                "--records", "2000000", "--record-size", "100", "--kafka-port", "19092");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos(); // a bound for a broken run on a loaded machine
        while (!Files.readString(stderr).contains("brokers registered in ZooKeeper")) {
            assertThat(p.isAlive()).as(Files.readString(stderr)).isTrue();
            assertThat(System.nanoTime()).as("brokers did not register in time").isLessThan(deadline);
            Thread.sleep(200);
        }
        List<ProcessHandle> children = p.descendants().toList();
        assertThat(children).isNotEmpty();

        p.destroy(); // SIGTERM, what Ctrl-C's SIGINT also triggers: the JVM's shutdown hooks
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        for (ProcessHandle child : children) {
            child.onExit().get(60, TimeUnit.SECONDS);
            assertThat(child.isAlive()).as("child " + child.pid() + " " + child.info().commandLine().orElse("")).isFalse();
        }
        assertThat(Files.readString(stderr)).contains("interrupted: stopping brokers, ZooKeeper and the local cloud");
    }
}
