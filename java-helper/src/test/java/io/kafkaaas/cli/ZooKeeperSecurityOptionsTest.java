package io.kafkaaas.cli;

import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.EmbeddedZooKeeper;
import io.kafkaaas.testing.MotoFixtures;
import io.kafkaaas.testing.MotoServer;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ZooKeeper security options through the CLI: each mistake is one line, exit 2, and nothing reaches ZooKeeper;
 * with the auth file, claim-id and release-id work against moto and a real ZooKeeper, and without it a claimer is refused.
 */
class ZooKeeperSecurityOptionsTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final EmbeddedZooKeeper zookeeper = new EmbeddedZooKeeper();

    @BeforeEach
    void start() throws Exception {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a trust store without TLS|--zookeeper-truststore=/etc/kafka-aas/zk-ca.pem|need --zookeeper-tls",
            "TLS without a trust store|--zookeeper-tls|--zookeeper-tls needs --zookeeper-truststore",
            "a key store password without a key store|--zookeeper-tls --zookeeper-truststore=/ca.pem --zookeeper-keystore-password-file=/pw|needs --zookeeper-keystore",
            "no world access without credentials|--zookeeper-world-access=none|needs --zookeeper-auth-file",
            "an unknown world access|--zookeeper-world-access=write|--zookeeper-world-access",
            "a missing trust store|--zookeeper-tls --zookeeper-truststore=MISSING|--zookeeper-truststore MISSING does not exist",
            "a missing auth file|--zookeeper-auth-file=MISSING|does not exist or is not a file",
            "a world-readable auth file|--zookeeper-auth-file=OPEN|is readable by every user",
    })
    void isExit2AndWritesNothing(String name, String options, String message) throws Exception {
        Path open = Files.writeString(tmp.resolve("open"), "kafka-aas:pw\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> args = new ArrayList<>(List.of("claim-id", "--zookeeper", zookeeper.connectString(), "--cluster", "C",
                "--instance-id", "i-0001", "--availability-zone", "us-east-1a", "--region", "us-east-1",
                "--ec2-endpoint", "http://127.0.0.1:9", "--broker-count", "3"));
        for (String option : options.split(" ")) {
            args.add(option.replace("MISSING", tmp.resolve("missing").toString()).replace("OPEN", open.toString()));
        }

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains(message.replace("MISSING", tmp.resolve("missing").toString())).doesNotContain("kafka-aas:pw");
        assertThat(zookeeper.observer().getChildren().forPath("/")).containsOnly("zookeeper");
    }

    @Test
    void withTheAuthFileClaimAndReleaseWorkAndAnInstanceWithoutItCanOnlyRead() throws Exception {
        MotoServer moto = MotoServer.get();
        MotoFixtures fixtures = new MotoFixtures(moto.ec2());
        fixtures.createBrokerEnis("KAFKA-", 2, "us-east-1a");
        Path auth = Files.writeString(tmp.resolve("zk-auth"), "kafka-aas:s3cret\n");
        Files.setPosixFilePermissions(auth, PosixFilePermissions.fromString("rw-r-----"));
        List<String> common = List.of("--zookeeper", zookeeper.connectString() + "/kafka", "--cluster", "C",
                "--region", "us-east-1", "--ec2-endpoint", moto.endpoint().toString(), "--availability-zone", "us-east-1a",
                "--output", "json");
        String me = fixtures.runInstance("us-east-1a");
        String other = fixtures.runInstance("us-east-1a");

        CliRun claim = CliRun.of(concat(List.of("claim-id", "--broker-count", "2", "--instance-id", me, "--zookeeper-auth-file", auth.toString()), common));
        assertThat(claim.exitCode()).as(claim.stderr()).isZero();
        assertThat(claim.json().get("brokerId").asInt()).isZero();
        assertThat(new String(zookeeper.observer().getData().forPath("/kafka/kafka-aas/C/claims/0"))).contains(me);
        assertThatThrownBy(() -> zookeeper.observer().setData().forPath("/kafka/kafka-aas/C/claims/0", "{}".getBytes()))
                .isInstanceOf(KeeperException.NoAuthException.class);

        CliRun intruder = CliRun.of(concat(List.of("claim-id", "--broker-count", "2", "--instance-id", other), common));
        assertThat(intruder.exitCode()).as(intruder.stderr()).isEqualTo(2);
        assertThat(intruder.errorLines()).singleElement().asString().contains("no permission (ACL)", "--zookeeper-auth-file");
        // The claim and its owner-index entry, nothing the intruder wrote.
        assertThat(zookeeper.observer().getChildren().forPath("/kafka/kafka-aas/C/claims")).containsExactlyInAnyOrder("0", "0-" + me);

        CliRun release = CliRun.of(concat(List.of("release-id", "--instance-id", me, "--zookeeper-auth-file", auth.toString()), common));
        assertThat(release.exitCode()).as(release.stderr()).isZero();
        assertThat(release.json().get("releasedIds").get(0).asInt()).isZero();
        assertThat(zookeeper.observer().getChildren().forPath("/kafka/kafka-aas/C/claims")).isEmpty();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
