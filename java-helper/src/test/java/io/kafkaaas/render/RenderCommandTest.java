package io.kafkaaas.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** kafka-aas render through the real CLI, into a sandbox root: results, idempotence, lookup order, bad input. */
class RenderCommandTest {
    @TempDir
    Path root;

    private List<String> zookeeperArgs(String... extra) {
        List<String> args = new ArrayList<>(List.of("render", "--root", root.toString(), "--output", "json",
                "--broker-id", "2", "--broker-count", "3", "--private-ip", "10.0.3.25", "--interface", "ens6",
                "--subnet-cidr", "10.0.3.0/24", "--availability-zone", "eu-west-1c", "--log-dir", "/data/kafka",
                "--zookeeper", "zk1:2181/kafka"));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void reportsEveryFileAndIsANoOpTheSecondTime() throws IOException {
        CliRun first = CliRun.of(zookeeperArgs());
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        JsonNode json = first.json();
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("brokerId").asInt()).isEqualTo(2);
        assertThat(json.get("files")).hasSize(4);
        json.get("files").forEach(f -> assertThat(f.get("changed").asBoolean()).as(f.toString()).isTrue());
        assertThat(json.get("files").get(0).get("path").asText()).isEqualTo(root.resolve("etc/kafka/server.properties").toString());

        Path server = root.resolve("etc/kafka/server.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("etc/default/kafka")))).isEqualTo("rw-r--r--");
        Files.setLastModifiedTime(server, FileTime.fromMillis(0));

        CliRun second = CliRun.of(zookeeperArgs());
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.json().get("changed").asBoolean()).isFalse();
        second.json().get("files").forEach(f -> assertThat(f.get("changed").asBoolean()).as(f.toString()).isFalse());
        assertThat(Files.getLastModifiedTime(server).toMillis()).as("an unchanged file is not rewritten").isZero();
    }

    @Test
    void onlyTheFileWhoseContentDiffersIsRewritten() throws IOException {
        assertThat(CliRun.of(zookeeperArgs()).exitCode()).isZero();
        Path env = root.resolve("etc/default/kafka");
        Files.writeString(env, Files.readString(env) + "LOCAL_EDIT=1\n");

        JsonNode json = CliRun.of(zookeeperArgs()).json();

        assertThat(json.get("changed").asBoolean()).isTrue();
        Map<String, Boolean> changed = new TreeMap<>();
        json.get("files").forEach(f -> changed.put(root.relativize(Path.of(f.get("path").asText())).toString(), f.get("changed").asBoolean()));
        assertThat(changed).containsExactlyInAnyOrderEntriesOf(Map.of("etc/kafka/server.properties", false,
                "etc/default/kafka", true, "etc/network/interfaces.d/ens6.cfg", false, "etc/iproute2/rt_tables", false));
        assertThat(Files.readString(env)).doesNotContain("LOCAL_EDIT");
        try (Stream<Path> files = Files.list(env.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file is left behind").containsExactly("kafka");
        }
    }

    @Test
    void aWrongModeIsRepairedAndReportedAsAChange() throws IOException {
        assertThat(CliRun.of(zookeeperArgs()).exitCode()).isZero();
        Path server = root.resolve("etc/kafka/server.properties");
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rw-rw-rw-"));

        JsonNode json = CliRun.of(zookeeperArgs()).json();

        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server))).isEqualTo("rw-r-----");
    }

    @Test
    void serverPropertiesIsReadableByKafkaAsTheGivenGroupWhenRunningAsRoot() throws IOException {
        io.kafkaaas.testing.Requirements.requireRoot("setting the group of server.properties");
        CliRun run = CliRun.of(zookeeperArgs("--kafka-group", "daemon"));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Path server = root.resolve("etc/kafka/server.properties");
        assertThat(Files.readAttributes(server, java.nio.file.attribute.PosixFileAttributes.class).group().getName()).isEqualTo("daemon");
        assertThat(Files.getOwner(server).getName()).isEqualTo("root");
    }

    @Test
    void theRenderedFileReadsBackAsTheSettingsKafkaWillSee() throws IOException {
        CliRun run = CliRun.of(zookeeperArgs("--set", "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a b\" password=\"p\\w\u00fc\";",
                "--set", "num.partitions=6"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();

        Properties properties = new Properties();
        // Kafka reads server.properties with Properties.load(InputStream): ISO-8859-1.
        try (var in = Files.newInputStream(root.resolve("etc/kafka/server.properties"))) {
            properties.load(in);
        }
        assertThat(properties.getProperty("broker.id")).isEqualTo("2");
        assertThat(properties.getProperty("broker.rack")).isEqualTo("eu-west-1c");
        assertThat(properties.getProperty("listeners")).isEqualTo("PLAINTEXT://10.0.3.25:9092");
        assertThat(properties.getProperty("zookeeper.connect")).isEqualTo("zk1:2181/kafka");
        assertThat(properties.getProperty("log.dirs")).isEqualTo("/data/kafka");
        assertThat(properties.getProperty("sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a b\" password=\"p\\w\u00fc\";");
        assertThat(properties.getProperty("num.partitions")).isEqualTo("6");
    }

    @Test
    void templatesAreLookedUpInTemplateDirThenTheSystemFolderThenTheJar() throws IOException {
        Path custom = Files.createDirectories(root.resolve("custom"));
        Files.writeString(custom.resolve("kafka.env.ftl"), "# generated by kafka-aas, local edits are overwritten\nFROM=template-dir ${broker.id}\n");
        Path system = Files.createDirectories(root.resolve("etc/kafka-aas/templates"));
        Files.writeString(system.resolve("kafka.env.ftl"), "FROM=system\n");
        Files.writeString(system.resolve("eth1.cfg.ftl"), "# generated by kafka-aas, local edits are overwritten\nFROM=system ${net.interface}\n");

        CliRun run = CliRun.of(zookeeperArgs("--template-dir", custom.toString()));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Files.readString(root.resolve("etc/default/kafka"))).endsWith("FROM=template-dir 2\n");
        assertThat(Files.readString(root.resolve("etc/network/interfaces.d/ens6.cfg"))).endsWith("FROM=system ens6\n");
        assertThat(Files.readString(root.resolve("etc/kafka/server.properties"))).contains("broker.id=2");
        Map<String, String> templates = new TreeMap<>();
        run.json().get("files").forEach(f -> templates.put(Path.of(f.get("path").asText()).getFileName().toString(), f.get("template").asText()));
        assertThat(templates).containsEntry("kafka", custom.resolve("kafka.env.ftl").toString())
                .containsEntry("ens6.cfg", system.resolve("eth1.cfg.ftl").toString())
                .containsEntry("server.properties", "server.properties.ftl (bundled)");
    }

    @Test
    void oneConfigFileServesRenderAndTheClaimCommands() throws IOException {
        Path config = root.resolve("kafka-aas.properties");
        Files.writeString(config, String.join("\n", "zookeeper=zk1:2181/kafka", "cluster=prod", "broker-count=3",
                "grace-period=600", "tag-prefix=KAFKA-", "availability-zone=eu-west-1c", "kafka-mode=kraft",
                "controller-voters=0@10.0.1.5:9093,1@10.0.2.5:9093,2@10.0.3.25:9093", "log-dir=/data/kafka",
                "network-style=none", "heap-size=4g", ""));

        CliRun run = CliRun.of("render", "--config", config.toString(), "--root", root.toString(), "--output", "json",
                "--broker-id", "2", "--private-ip", "10.0.3.25");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Properties p = load(root.resolve("etc/kafka/server.properties"));
        assertThat(p.getProperty("node.id")).isEqualTo("2");
        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("zookeeper.connect")).as("KRaft mode has no zookeeper.connect").isNull();
        assertThat(Files.readString(root.resolve("etc/default/kafka"))).contains("-Xmx4g");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("non-numeric id", List.of("--broker-id", "two"), "--broker-id 'two' is not a broker id"),
                Arguments.of("id outside the cluster", List.of("--broker-id", "3"), "--broker-id 3 is outside the cluster's ids 0-2"),
                Arguments.of("--set without =", List.of("--set", "num.partitions"), "--set 'num.partitions' has no '='"),
                Arguments.of("identity key in --set", List.of("--set", "broker.id=7"), "broker.id is this broker's identity"),
                Arguments.of("bad IP", List.of("--private-ip", "10.0.3.256"), "--private-ip '10.0.3.256' is not an IPv4 address"),
                Arguments.of("bad CIDR", List.of("--subnet-cidr", "10.0.3.0/33"), "prefix length 33 is out of range"),
                Arguments.of("CIDR with host bits", List.of("--subnet-cidr", "10.0.3.7/24"), "has host bits set; the subnet is 10.0.3.0/24"),
                Arguments.of("IP outside the subnet", List.of("--subnet-cidr", "10.0.4.0/24"), "--private-ip 10.0.3.25 is not in --subnet-cidr 10.0.4.0/24"),
                Arguments.of("bad gateway", List.of("--gateway", "10.0.3.x"), "--gateway '10.0.3.x' is not an IPv4 address"),
                Arguments.of("bad ZooKeeper", List.of("--zookeeper", "zk1:99999"), "port 99999 is out of range"),
                Arguments.of("KRaft without voters", List.of("--kafka-mode", "kraft"), "--controller-voters is required with --kafka-mode kraft"),
                Arguments.of("KRaft controller missing from voters", List.of("--kafka-mode", "kraft", "--process-roles", "broker,controller",
                        "--controller-voters", "0@10.0.1.5:9093,1@10.0.2.5:9093"), "node 2 is a KRaft controller (broker,controller) but --controller-voters"),
                Arguments.of("KRaft voter at another IP", List.of("--kafka-mode", "kraft",
                        "--controller-voters", "0@10.0.1.5:9093,2@10.0.3.99:9093"), "names node 2 as 10.0.3.99:9093"),
                Arguments.of("KRaft voter with a bad IP", List.of("--kafka-mode", "kraft",
                        "--controller-voters", "0@10.0.1.500:9093"), "is not an IPv4 address"),
                Arguments.of("bad cluster id", List.of("--kafka-mode", "kraft", "--controller-voters", "2@10.0.3.25:9093",
                        "--cluster-id", "not-a-cluster-id"), "--cluster-id 'not-a-cluster-id' is not a Kafka cluster id"),
                Arguments.of("relative log dir", List.of("--log-dir", "data"), "--log-dir 'data' is not an absolute directory"),
                Arguments.of("bad heap", List.of("--heap-size", "lots"), "--heap-size 'lots' is not a JVM heap size"),
                Arguments.of("reserved table", List.of("--table-id", "254"), "--table-id 254 is not usable"),
                Arguments.of("unknown kafka mode", List.of("--kafka-mode", "raft"), "--kafka-mode"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsOneLineExit2AndTouchesNoFile(String name, List<String> override, String message) throws IOException {
        assertThat(CliRun.of(zookeeperArgs()).exitCode()).isZero();
        Path server = root.resolve("etc/kafka/server.properties");
        Files.writeString(server, "# a previous version\n");
        Map<String, String> before = snapshot();

        CliRun run = CliRun.of(withOverride(zookeeperArgs(), override));

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.errorLines()).hasSize(1);
        assertThat(run.errorLines().get(0)).contains(message);
        assertThat(run.json().get("exitCode").asInt()).isEqualTo(2);
        assertThat(snapshot()).as("no file was written or changed").isEqualTo(before);
    }

    @Test
    void anUndefinedVariableNamesTemplateLineAndVariableAndWritesNothing() throws IOException {
        Path custom = Files.createDirectories(root.resolve("custom"));
        Files.writeString(custom.resolve("eth1.cfg.ftl"), "# generated by kafka-aas, local edits are overwritten\n"
                + "auto ${net.interface}\n  mtu ${net.jumboFrames}\n");

        CliRun run = CliRun.of(zookeeperArgs("--template-dir", custom.toString()));

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.errorLines()).hasSize(1);
        assertThat(run.errorLines().get(0)).contains("template " + custom.resolve("eth1.cfg.ftl") + " line 3")
                .contains("variable 'net.jumboFrames' is undefined");
        assertThat(root.resolve("etc")).as("server.properties renders fine but is not written either").doesNotExist();
    }

    @Test
    void aNetworkFileThatCannotBeWrittenStopsTheRunBeforeAnyFileIsWritten() throws IOException {
        Files.createDirectories(root.resolve("etc/network"));
        Files.writeString(root.resolve("etc/network/interfaces.d"), "a file where the directory should be\n");

        CliRun run = CliRun.of(zookeeperArgs());

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("cannot write " + root.resolve("etc/network/interfaces.d/ens6.cfg"))
                .contains(root.resolve("etc/network/interfaces.d") + " is not a directory");
        assertThat(run.json().get("exitCode").asInt()).isEqualTo(2);
        assertThat(root.resolve("etc/kafka")).as("server.properties renders fine but is not written").doesNotExist();
        assertThat(root.resolve("etc/default")).doesNotExist();
        assertThat(root.resolve("etc/iproute2")).doesNotExist();
    }

    @Test
    void anUnwritableRootIsAUsageErrorAndWritesNothing() throws Exception {
        Path readOnly = Files.createDirectories(root.resolve("read-only-root"));
        try (ReadOnlyDirectory ignored = ReadOnlyDirectory.of(readOnly)) {
            CliRun run = CliRun.of(zookeeperArgs("--root", readOnly.toString()));

            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
            assertThat(run.errorLines()).singleElement().asString()
                    .contains("cannot write " + readOnly.resolve("etc/kafka/server.properties"))
                    .contains(readOnly + " is not writable").contains("--root");
            try (Stream<Path> files = Files.list(readOnly)) {
                assertThat(files).isEmpty();
            }
        }
    }

    /**
     * A directory nobody may write: mode 0555 stops an ordinary user, and for root (whom modes do not stop) a
     * read-only tmpfs over it.
     */
    private record ReadOnlyDirectory(Path dir, boolean mounted) implements AutoCloseable {
        static ReadOnlyDirectory of(Path dir) throws IOException, InterruptedException {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
            boolean root = Requirements.isRoot();
            if (root) {
                sh("mount", "-t", "tmpfs", "-o", "ro,size=64k,mode=0555", "kafka-aas-render-ro", dir.toString());
            }
            return new ReadOnlyDirectory(dir, root);
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (mounted) {
                sh("umount", dir.toString());
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        private static void sh(String... command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        }
    }

    @Test
    void aTemplateThatDoesNotParseIsAUsageError() throws IOException {
        Path custom = Files.createDirectories(root.resolve("custom"));
        Files.writeString(custom.resolve("server.properties.ftl"), "broker.id=${broker.id}\n<#if broker.rack??>\n");

        CliRun run = CliRun.of(zookeeperArgs("--template-dir", custom.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).hasSize(1);
        assertThat(run.errorLines().get(0)).contains("server.properties.ftl line").contains("does not parse");
        assertThat(root.resolve("etc")).doesNotExist();
    }

    @Test
    void aTableIdTakenByAnotherEntryInRtTablesStopsTheRun() throws IOException {
        Path rtTables = root.resolve("etc/iproute2/rt_tables");
        Files.createDirectories(rtTables.getParent());
        Files.writeString(rtTables, "255\tlocal\n254\tmain\n100\tvpn\n");

        CliRun run = CliRun.of(zookeeperArgs());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines().get(0)).contains("already names table 100 'vpn'");
        assertThat(Files.readString(rtTables)).isEqualTo("255\tlocal\n254\tmain\n100\tvpn\n");
        assertThat(root.resolve("etc/kafka")).doesNotExist();
    }

    private static List<String> withOverride(List<String> args, List<String> override) {
        List<String> result = new ArrayList<>(args);
        for (int i = 0; i < override.size(); i += 2) {
            String option = override.get(i);
            int at = result.indexOf(option);
            if (at >= 0 && !option.equals("--set")) {
                result.set(at + 1, override.get(i + 1));
            } else {
                result.add(option);
                result.add(override.get(i + 1));
            }
        }
        return result;
    }

    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p, StandardCharsets.ISO_8859_1)
                        + "|" + Files.getLastModifiedTime(p).toMillis() + "|" + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        }
        return files;
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        return p;
    }
}
