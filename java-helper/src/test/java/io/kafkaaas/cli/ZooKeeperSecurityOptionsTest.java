package io.kafkaaas.cli;

import io.kafkaaas.testing.CliRun;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ZooKeeper security options through claim-id: each mistake is one line, exit 2, and nothing reaches ZooKeeper. */
class ZooKeeperSecurityOptionsTest {
    @TempDir
    Path tmp;
    private TestingServer zookeeper;
    private CuratorFramework observer;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        zookeeper = new TestingServer();
        observer = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100));
        observer.start();
        observer.blockUntilConnected();
    }

    @AfterEach
    void stop() throws Exception {
        observer.close();
        zookeeper.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a trust store without TLS|--zookeeper-truststore=/etc/kafka-aas/zk-ca.pem|need --zookeeper-tls",
            "TLS without a trust store|--zookeeper-tls|--zookeeper-tls needs --zookeeper-truststore",
            "a key store password without a key store|--zookeeper-tls --zookeeper-truststore=/ca.pem --zookeeper-keystore-password-file=/pw|needs --zookeeper-keystore",
            "no world access without credentials|--zookeeper-world-access=none|needs --zookeeper-auth-file",
            "an unknown world access|--zookeeper-world-access=write|--zookeeper-world-access",
            "a missing auth file|--zookeeper-auth-file=MISSING|does not exist or is not a file",
            "a world-readable auth file|--zookeeper-auth-file=OPEN|is readable by every user",
    })
    void isExit2AndWritesNothing(String name, String options, String message) throws Exception {
        Path open = Files.writeString(tmp.resolve("open"), "kafka-aas:pw\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> args = new ArrayList<>(List.of("claim-id", "--zookeeper", zookeeper.getConnectString(), "--cluster", "C",
                "--instance-id", "i-0001", "--availability-zone", "us-east-1a", "--region", "us-east-1",
                "--ec2-endpoint", "http://127.0.0.1:9", "--broker-count", "3"));
        for (String option : options.split(" ")) {
            args.add(option.replace("MISSING", tmp.resolve("missing").toString()).replace("OPEN", open.toString()));
        }

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains(message).doesNotContain("kafka-aas:pw");
        assertThat(observer.getChildren().forPath("/")).containsOnly("zookeeper");
    }
}
