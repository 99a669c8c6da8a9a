package io.kafkaaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.EmbeddedZooKeeper;
import io.kafkaaas.testing.MotoEc2;
import io.kafkaaas.testing.RecordingInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** bootstrap end to end: a real ZooKeeper, the real SDK against moto_server, files under a sandbox root. */
class BootstrapMotoTest {
    private static final Set<String> EC2_MUTATIONS = Set.of("AttachNetworkInterface", "AttachVolume", "CreateTags",
            "DetachNetworkInterface", "DetachVolume");

    @TempDir
    Path root;
    @RegisterExtension
    final EmbeddedZooKeeper zookeeper = new EmbeddedZooKeeper();
    @RegisterExtension
    final MotoEc2 moto = MotoEc2.withInstanceIn("us-east-1a");

    private CliRun bootstrap(String instanceId, String... extra) {
        List<String> args = new ArrayList<>(List.of("bootstrap", "--zookeeper", zookeeper.connectString() + "/kafka",
                "--cluster", "C", "--broker-count", "3", "--instance-id", instanceId, "--availability-zone", "us-east-1a",
                "--no-mount", "--mount-point", "/var/lib/kafka", "--interface-timeout", "0", "--network-style", "none",
                "--root", root.toString(), "--kafka-group", "root", "--output", "json"));
        args.addAll(List.of(moto.server().cliOptions()));
        // A claim that would be exit 3 asks Auto Scaling whether an owner is leaving: moto's, where no instance is in a group.
        args.addAll(List.of("--autoscaling-endpoint", moto.server().endpoint().toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args);
    }

    private void brokerResources(int count) {
        for (int i = 0; i < count; i++) {
            moto.fixtures().createEni("KAFKA-" + i, "us-east-1a");
            moto.fixtures().createVolume("KAFKA-" + i, "us-east-1a", 10);
        }
    }

    private String eniIdOf(String name) {
        return moto.ec2().describeNetworkInterfaces(r -> r.filters(Filter.builder().name("tag:Name").values(name).build()))
                .networkInterfaces().get(0).networkInterfaceId();
    }

    @Test
    void claimsAttachesAndRendersInOneRunAndASecondRunChangesNothing() throws IOException {
        brokerResources(3);
        RecordingInterceptor.reset();

        CliRun first = bootstrap(moto.instance());

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        JsonNode json = first.json();
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("brokerId").asInt()).isZero();
        assertThat(json.get("eniId").asText()).isEqualTo(eniIdOf("KAFKA-0"));
        String ip = json.get("privateIp").asText();
        for (String step : List.of("claim", "eni", "volume", "render")) {
            assertThat(json.get("steps").get(step).get("changed").asBoolean()).as(step).isTrue();
            assertThat(json.get("timings").get(step).asLong()).as(step).isNotNegative();
        }
        assertThat(json.get("steps").get("network").get("skipped").asBoolean()).isTrue();
        assertThat(json.get("timings").get("total").asLong()).isNotNegative();
        assertThat(RecordingInterceptor.count("AttachNetworkInterface")).isEqualTo(1);
        assertThat(RecordingInterceptor.count("AttachVolume")).isEqualTo(1);

        Properties server = properties(root.resolve("etc/kafka/server.properties"));
        assertThat(server.getProperty("broker.id")).isEqualTo("0");
        assertThat(server.getProperty("listeners")).isEqualTo("PLAINTEXT://" + ip + ":9092");
        assertThat(server.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://" + ip + ":9092");
        assertThat(server.getProperty("log.dirs")).isEqualTo("/var/lib/kafka/logs");
        assertThat(server.getProperty("broker.rack")).isEqualTo("us-east-1a");
        assertThat(server.getProperty("zookeeper.connect")).isEqualTo(zookeeper.connectString() + "/kafka");
        assertThat(root.resolve("etc/default/kafka")).exists();

        RecordingInterceptor.reset();
        CliRun second = bootstrap(moto.instance());

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        JsonNode again = second.json();
        assertThat(again.get("changed").asBoolean()).isFalse();
        again.get("steps").forEach(step -> assertThat(step.get("changed").asBoolean()).isFalse());
        assertThat(again.get("brokerId").asInt()).isZero();
        assertThat(RecordingInterceptor.calls()).as("no EC2 mutation on a re-run").noneMatch(EC2_MUTATIONS::contains);
    }

    @Test
    void fetchesTheClaimedBrokersKeystoreFromSsmBeforeRenderingTlsAndScram() throws IOException {
        brokerResources(3);
        try (SsmClient ssm = moto.server().client(SsmClient.builder())) {
            for (String[] p : new String[][] {{"keystore/0", "a2V5c3RvcmUtMA=="}, {"keystore/1", "a2V5c3RvcmUtMQ=="},
                    {"keystore-password", "kp-0b1"}, {"truststore", "dHJ1c3Q="}, {"truststore-password", "tp-77"},
                    {"scram-password", "sp-19"}}) {
                ssm.putParameter(r -> r.name("/kafka-aas/C/" + p[0]).value(p[1]).type(ParameterType.SECURE_STRING));
            }
        }
        String[] tls = {"--security-protocol", "SSL", "--inter-broker-security", "SASL_SSL", "--secret-store", "ssm",
                "--ssm-endpoint", moto.server().endpoint().toString()};

        CliRun first = bootstrap(moto.instance(), tls);

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        JsonNode secrets = first.json().get("steps").get("secrets");
        assertThat(secrets.get("changed").asBoolean()).isTrue();
        assertThat(secrets.get("files")).hasSize(5);
        assertThat(Files.readString(root.resolve("etc/kafka/secrets/kafka.keystore.p12"))).isEqualTo("keystore-0");
        Properties server = properties(root.resolve("etc/kafka/server.properties"));
        assertThat(server.getProperty("ssl.keystore.password")).isEqualTo("kp-0b1");
        assertThat(server.getProperty("listener.name.internal.scram-sha-512.sasl.jaas.config")).contains("password=\"sp-19\"");
        assertThat(first.stdout() + first.stderr()).doesNotContain("kp-0b1", "tp-77", "sp-19", "a2V5c3RvcmUtMA");

        CliRun second = bootstrap(moto.instance(), tls);

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.json().get("changed").asBoolean()).isFalse();
        assertThat(second.json().get("steps").get("secrets").get("changed").asBoolean()).isFalse();
    }

    @Test
    void fetchesTheZooKeeperCredentialsBeforeTheClaimThatAuthenticatesWithThem() throws Exception {
        brokerResources(1);
        try (SsmClient ssm = moto.server().client(SsmClient.builder())) {
            ssm.putParameter(r -> r.name("/kafka-aas/C/zookeeper-auth").value("kafka-aas:zk-pw-41\n").type(ParameterType.SECURE_STRING));
        }
        String[] auth = {"--secret-store", "ssm", "--ssm-endpoint", moto.server().endpoint().toString(),
                "--zookeeper-auth-file", "/etc/kafka-aas/zookeeper.auth"};

        CliRun first = bootstrap(moto.instance(), auth);

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        Path written = root.resolve("etc/kafka-aas/zookeeper.auth");
        assertThat(Files.readString(written)).isEqualTo("kafka-aas:zk-pw-41");
        assertThat(Files.getPosixFilePermissions(written)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(first.stdout() + first.stderr()).doesNotContain("zk-pw-41");
        // The claim was created with them: the cluster's digest identity owns it, the world may only read.
        assertThat(zookeeper.observer().getACL().forPath("/kafka/kafka-aas/C/claims/0"))
                .anySatisfy(acl -> assertThat(acl.getId().getScheme() + ":" + acl.getId().getId()).startsWith("digest:kafka-aas:"))
                .allSatisfy(acl -> assertThat(acl.getId().getScheme().equals("world") ? acl.getPerms() : 1).isEqualTo(1));

        CliRun second = bootstrap(moto.instance(), auth);

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.json().get("changed").asBoolean()).isFalse();
    }

    @Test
    void aFailingStepStopsTheRunWithItsExitCodeAndReportsWhatFinished() throws Exception {
        moto.fixtures().createEni("KAFKA-0", "us-east-1a"); // no volume tagged KAFKA-0

        CliRun run = bootstrap(moto.instance(), "--broker-count", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("kafka-aas: bootstrap: volume step failed: ").contains("KAFKA-0");
        JsonNode json = run.json();
        assertThat(json.get("exitCode").asInt()).isEqualTo(2);
        assertThat(json.get("failedStep").asText()).isEqualTo("volume");
        assertThat(json.get("changed").asBoolean()).as("the claim and the ENI attachment were made").isTrue();
        assertThat(json.get("completedSteps").get("claim").get("changed").asBoolean()).isTrue();
        assertThat(json.get("completedSteps").get("eni").get("changed").asBoolean()).isTrue();
        assertThat(root.resolve("etc/kafka/server.properties")).doesNotExist();

        CliRun noSlot = bootstrap("i-0123456789abcdef0", "--broker-count", "1");
        assertThat(noSlot.exitCode()).isEqualTo(3);
        assertThat(noSlot.json().get("failedStep").asText()).isEqualTo("claim");
        assertThat(noSlot.json().get("changed").asBoolean()).isFalse();
    }

    @Test
    void badInputStopsBeforeAnythingIsClaimedOrAttached() throws Exception {
        brokerResources(1);
        RecordingInterceptor.reset();
        List<List<String>> bad = List.of(
                List.of("--set", "num.io.threads"),
                List.of("--kafka-mode", "kraft"),
                List.of("--subnet-cidr", "10.0.0.0/33"),
                List.of("--timeout", "-1"),
                List.of("--mount-point", "relative/dir"));
        for (List<String> extra : bad) {
            CliRun run = bootstrap(moto.instance(), extra.toArray(String[]::new));
            assertThat(run.exitCode()).as(extra + ": " + run.stderr()).isEqualTo(2);
            assertThat(run.errorLines()).as(extra.toString()).hasSize(1);
        }
        assertThat(RecordingInterceptor.calls()).isEmpty();
        assertThat(zookeeper.observer().getChildren().forPath("/")).containsOnly("zookeeper");
        assertThat(root.resolve("etc")).doesNotExist();
    }

    @Test
    void aBrokenTemplateStopsTheRunBeforeAnythingIsClaimedOrAttached() throws Exception {
        brokerResources(1);
        Path templates = Files.createDirectories(root.resolve("templates"));
        Files.writeString(templates.resolve("kafka.env.ftl"), "KAFKA_HEAP_OPTS=\"-Xmx${jvm.heapSize}\"\n");
        RecordingInterceptor.reset();

        CliRun run = bootstrap(moto.instance(), "--template-dir", templates.toString());

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("kafka-aas: bootstrap: the render step would fail, so nothing was claimed or attached: ")
                .contains("template " + templates.resolve("kafka.env.ftl") + " line 1")
                .contains("variable 'jvm.heapSize' is undefined");
        assertThat(run.json().get("changed").asBoolean()).isFalse();
        assertThat(RecordingInterceptor.calls()).as("no EC2 call at all").isEmpty();
        assertThat(zookeeper.observer().getChildren().forPath("/")).as("nothing claimed").containsOnly("zookeeper");
        assertThat(root.resolve("etc")).doesNotExist();
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
