package io.kafkaaas.render;

import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.GoldenFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bundled template, rendered by the real CLI into a sandbox root, against golden files: both Kafka
 * modes (ZooKeeper and KRaft in its three roles) and both network styles (ifupdown, networkd), plus none.
 * Each scenario also checks that exactly the expected files were written, and nothing else.
 */
class TemplateGoldenTest {
    @TempDir
    Path root;

    private static List<String> common(Path root) {
        return new ArrayList<>(List.of("render", "--root", root.toString(), "--output", "json",
                "--private-ip", "10.0.1.15", "--interface", "ens6", "--subnet-cidr", "10.0.1.0/24",
                "--availability-zone", "us-east-1a", "--log-dir", "/var/lib/kafka/data"));
    }

    @Test
    void zookeeperModeWithIfupdownKeepsExistingRtTablesAndWritesOverrides() throws IOException {
        Path rtTables = root.resolve("etc/iproute2/rt_tables");
        Files.createDirectories(rtTables.getParent());
        Files.writeString(rtTables, "#\n# reserved values\n#\n255\tlocal\n254\tmain\n253\tdefault\n0\tunspec\n#\n"
                + "# local\n#\n#1\tinr.ruhep\n200\tcustom-vpn\n");
        Path extra = root.resolve("extra.properties");
        Files.writeString(extra, "num.partitions=6\nlog.retention.hours=72\nssl.keystore.location=C:\\\\keys\\\\k\u00e9y.jks\n",
                StandardCharsets.UTF_8);
        List<String> args = common(root);
        args.addAll(List.of("--broker-id", "1", "--broker-count", "3", "--zookeeper", "zk1:2181,zk2:2181,zk3/kafka",
                "--kafka-mode", "zookeeper", "--network-style", "ifupdown", "--mtu", "9001",
                "--properties-file", extra.toString(), "--set", "num.partitions=12", "--set", "auto.create.topics.enable=false",
                "--set", "min.insync.replicas=1", "--heap-size", "6g"));

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertGoldens("zookeeper-ifupdown", "etc/kafka/server.properties", "etc/default/kafka",
                "etc/network/interfaces.d/ens6.cfg", "etc/iproute2/rt_tables");
    }

    @Test
    void zookeeperModeWithNetworkdWritesNumbersForComputers() throws IOException {
        List<String> args = common(root);
        args.addAll(List.of("--broker-id", "1000", "--broker-count", "1200", "--zookeeper", "zk1:2181/kafka",
                "--network-style", "networkd", "--gateway", "10.0.1.1", "--table-id", "1001", "--table-name", "eni-ens6",
                "--rule-priority", "10000", "--jmx-port", "19999", "--listener-port", "19092"));

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertGoldens("zookeeper-networkd", "etc/kafka/server.properties", "etc/default/kafka",
                "etc/systemd/network/70-ens6.network", "etc/iproute2/rt_tables");
    }

    @Test
    void kraftCombinedNodeWithNetworkd() throws IOException {
        List<String> args = common(root);
        args.addAll(List.of("--broker-id", "1", "--broker-count", "3", "--kafka-mode", "kraft",
                "--controller-voters", "0@10.0.0.10:9093,1@10.0.1.15:9093,2@10.0.2.10:9093",
                "--cluster-id", "MkU3OEVBNTcwNTJENDM2Qg", "--network-style", "networkd", "--mtu", "9001",
                "--zookeeper", "zk1:2181/kafka-aas"));

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.json().get("processRoles").asText()).isEqualTo("broker,controller");
        assertGoldens("kraft-combined-networkd", "etc/kafka/server.properties", "etc/default/kafka",
                "etc/systemd/network/70-ens6.network", "etc/iproute2/rt_tables");
    }

    @Test
    void kraftBrokerNotNamedInTheVotersIsBrokerOnlyWithIfupdown() throws IOException {
        List<String> args = common(root);
        args.addAll(List.of("--broker-id", "3", "--broker-count", "5", "--kafka-mode", "kraft",
                "--controller-voters", "0@10.0.0.10:9093,1@10.0.1.10:9093,2@10.0.2.10:9093",
                "--network-style", "ifupdown"));

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.json().get("processRoles").asText()).isEqualTo("broker");
        assertGoldens("kraft-broker-ifupdown", "etc/kafka/server.properties", "etc/default/kafka",
                "etc/network/interfaces.d/ens6.cfg", "etc/iproute2/rt_tables");
    }

    @Test
    void kraftControllerOnlyLeavesTheNetworkToTheOs() throws IOException {
        List<String> args = common(root);
        args.addAll(List.of("--broker-id", "1", "--broker-count", "3", "--kafka-mode", "kraft", "--process-roles", "controller",
                "--controller-voters", "0@10.0.0.10:9093,1@10.0.1.15:9093,2@10.0.2.10:9093",
                "--network-style", "none", "--jmx-port", "0"));

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertGoldens("kraft-controller-none", "etc/kafka/server.properties", "etc/default/kafka");
    }

    private void assertGoldens(String scenario, String... files) throws IOException {
        for (String file : files) {
            GoldenFiles.assertMatches(scenario + "/" + file, Files.readString(root.resolve(file), StandardCharsets.UTF_8));
        }
        List<String> written;
        try (Stream<Path> walk = Files.walk(root.resolve("etc"))) {
            written = walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
        assertThat(written).as("files under the root").containsExactlyInAnyOrder(files);
    }
}
