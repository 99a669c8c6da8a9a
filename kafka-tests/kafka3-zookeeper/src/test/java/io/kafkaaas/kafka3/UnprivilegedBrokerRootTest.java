package io.kafkaaas.kafka3;

import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.LoopDevices;
import io.kafkaaas.testing.MotoFixtures;
import io.kafkaaas.testing.MotoServer;
import io.kafkaaas.testing.RecordingInterceptor;
import io.kafkaaas.testing.Requirements;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.kafkaaas.testing.LoopDevices.sh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boot path's ownership, end to end on the kernel: `bootstrap` formats and mounts a fresh volume (a loop
 * device that appears as a Xen device once moto's AttachVolume succeeds), renders the broker's files, and a real
 * Kafka 3.9 broker then starts from those files in a child JVM as an unprivileged user (a throwaway system
 * user and group, as cp-kafka:confluent on the AMI) and registers. Nobody runs chown in between: the helper's
 * --kafka-user/--kafka-group must be enough. Root only.
 */
class UnprivilegedBrokerRootTest {
    private static final long GIB = 1L << 30;
    private static final String AZ = "us-east-1a";

    private final String name = "kaas-" + UUID.randomUUID().toString().substring(0, 8);
    private final LoopDevices loops = new LoopDevices();
    private Path base;
    private TestingServer zookeeper;
    private CuratorFramework curator;
    private Process broker;
    private boolean userCreated;
    private String loopbackAddress;

    @BeforeEach
    void setUp() throws Exception {
        Requirements.requireRoot("UnprivilegedBrokerRootTest");
        for (String tool : List.of("losetup", "blkid", "mount", "umount", "mkfs.ext4", "useradd", "userdel", "groupadd",
                "groupdel", "setpriv", "ip")) {
            Requirements.requireTool(tool);
        }
        // Not a JUnit @TempDir: those are 0700 root, and the broker's user must reach its files and its volume.
        base = Files.createTempDirectory(Path.of("/tmp"), name + "-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        sh("groupadd", "--system", name);
        sh("useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
                "--gid", name, name);
        userCreated = true;
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        zookeeper = new TestingServer(true);
        curator = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100));
        curator.start();
    }

    /** Every step runs even when an earlier one fails: a left user, address or mount would outlive the test. */
    @AfterEach
    void tearDown() throws Exception {
        List<Exception> problems = new ArrayList<>();
        cleanUp(problems, () -> {
            if (broker != null) {
                broker.destroy();
                if (!broker.waitFor(60, TimeUnit.SECONDS)) {
                    broker.destroyForcibly().waitFor();
                }
            }
        });
        cleanUp(problems, RecordingInterceptor::clearActions);
        cleanUp(problems, loops::close);
        cleanUp(problems, () -> {
            if (loopbackAddress != null) {
                sh("ip", "addr", "del", loopbackAddress + "/32", "dev", "lo");
            }
        });
        cleanUp(problems, () -> {
            if (curator != null) {
                curator.close();
            }
        });
        cleanUp(problems, () -> {
            if (zookeeper != null) {
                zookeeper.close();
            }
        });
        cleanUp(problems, () -> {
            if (userCreated) {
                sh("userdel", name);
                // userdel also removes a primary group of the same name where USERGROUPS_ENAB is on (Debian's default).
                if (sh("getent", "group").lines().anyMatch(line -> line.startsWith(name + ":"))) {
                    sh("groupdel", name);
                }
            }
        });
        cleanUp(problems, () -> {
            if (base != null) {
                sh("rm", "-rf", "--one-file-system", base.toString());
            }
        });
        if (!problems.isEmpty()) {
            problems.subList(1, problems.size()).forEach(problems.get(0)::addSuppressed);
            throw problems.get(0);
        }
    }

    private interface CleanUp {
        void run() throws Exception;
    }

    private static void cleanUp(List<Exception> problems, CleanUp step) {
        try {
            step.run();
        } catch (Exception e) {
            problems.add(e);
        }
    }

    @Test
    void aBrokerRunningAsTheServiceUserStartsFromTheBootstrappedVolumeAndRegisters() throws Exception {
        MotoServer moto = MotoServer.get();
        MotoFixtures fixtures = new MotoFixtures(moto.ec2());
        String instance = fixtures.runInstance(AZ);
        fixtures.createEni("KAFKA-0", AZ);
        fixtures.createVolume("KAFKA-0", AZ, 1);
        Path loop = loops.create(base.resolve("volume.img"), GIB);
        Path device = loops.deviceName();
        RecordingInterceptor.afterSuccess("AttachVolume", () -> LoopDevices.link(device, loop));
        Path root = Files.createDirectories(base.resolve("root"));
        Path mountPoint = base.resolve("kafka");
        loops.watchMountPoint(mountPoint);
        Path fstab = Files.writeString(base.resolve("fstab"), "# test fstab\n");
        int port = freePort();

        List<String> args = new ArrayList<>(List.of("bootstrap", "--zookeeper", zookeeper.getConnectString() + "/kafka",
                "--cluster", name, "--broker-count", "1", "--instance-id", instance, "--availability-zone", AZ,
                "--device", device.toString(), "--mount-point", mountPoint.toString(), "--fstab", fstab.toString(),
                "--kafka-user", name, "--kafka-group", name, "--network-style", "none", "--interface-timeout", "0",
                "--listener-port", Integer.toString(port), "--jmx-port", "0", "--root", root.toString(), "--output", "json"));
        args.addAll(List.of(moto.cliOptions()));
        CliRun boot = CliRun.of(args);

        assertThat(boot.exitCode()).as(boot.stderr()).isZero();
        assertThat(boot.json().get("steps").get("volume").get("formatted").asBoolean()).as(boot.stdout()).isTrue();
        Path logDir = mountPoint.resolve("logs");
        assertThat(owner(logDir)).as("the log directory belongs to the service user, without a manual chown")
                .isEqualTo(name + ":" + name);

        // The ENI's address, on this machine: the rendered listener binds there, as it would on the instance.
        loopbackAddress = boot.json().get("privateIp").asText();
        sh("ip", "addr", "add", loopbackAddress + "/32", "dev", "lo");

        broker = startBrokerAs(name, root.resolve("etc/kafka/server.properties"));

        String registration = awaitRegistration("/kafka/brokers/ids/0", Duration.ofSeconds(180));
        assertThat(registration).contains("PLAINTEXT://" + loopbackAddress + ":" + port);
        Path meta = logDir.resolve("meta.properties");
        assertThat(meta).exists();
        assertThat(owner(meta)).as("the broker wrote its identity as the service user").isEqualTo(name + ":" + name);
        Properties stamped = new Properties();
        try (var in = Files.newInputStream(meta)) {
            stamped.load(in);
        }
        assertThat(stamped.getProperty("broker.id")).isEqualTo("0");
    }

    /**
     * kafka.Kafka in a child JVM under setpriv as the given user, from the rendered server.properties. The test's
     * class path lives under /root (0700), so its jars are copied where the user can read them.
     */
    private Process startBrokerAs(String user, Path serverProperties) throws IOException {
        Path libs = Files.createDirectories(base.resolve("libs"));
        List<String> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (Files.isRegularFile(source) && entry.endsWith(".jar")) {
                Path copy = libs.resolve(classpath.size() + "-" + source.getFileName());
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                classpath.add(copy.toString());
            }
        }
        Path log = base.resolve("broker.log");
        List<String> command = List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--clear-groups",
                "--inh-caps=-all", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", String.join(File.pathSeparator, classpath), "kafka.Kafka", serverProperties.toString());
        return new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    private String awaitRegistration(String path, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (curator.checkExists().forPath(path) != null) {
                return new String(curator.getData().forPath(path), StandardCharsets.UTF_8);
            }
            if (!broker.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        String log = Files.readString(base.resolve("broker.log"));
        throw new AssertionError("no broker registered at " + path + " (broker "
                + (broker.isAlive() ? "still running" : "exited " + broker.exitValue()) + "); its log ends:\n"
                + log.substring(Math.max(0, log.length() - 4000)));
    }

    private static String owner(Path path) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attributes.owner().getName() + ":" + attributes.group().getName();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
