package io.kafkaaas.simulation;

import io.kafkaaas.testing.JarRun;
import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bake's AppCDS step (packer/scripts/40-appcds.sh) for real, in a scratch image root: the production jar and
 * launcher where the image has them, the simulation jar uploaded beside it. It trains bootstrap's archive and the
 * per-command ones the launcher maps (signal against the local cloud's group instance, wait-healthy against a
 * throwaway KRaft broker of the simulation's Kafka 4 jars), and leaves nothing that 99-validate.sh would refuse.
 * The script waits for each process it starts (the local cloud's endpoints, ZooKeeper's and the broker's ports);
 * the test only waits for the script.
 */
class BakeAppCdsTrainingIT {
    private static final Path REPO = JarRun.jar().toAbsolutePath().getParent().getParent().getParent();
    private static final Path HELPER_JAR = REPO.resolve("java-helper/target/kafka-aas.jar");
    private static final Path KAFKA4_LIBS = REPO.resolve("simulation-kafka4/target/kafka-libs");

    @TempDir
    Path tmp;
    Path image;
    Path home;
    Path upload;
    Path launcher;

    @BeforeEach
    void anImageWithTheHelperInstalled() throws IOException {
        Requirements.require(Files.isRegularFile(HELPER_JAR) && Files.isRegularFile(JarRun.jar()),
                "no " + HELPER_JAR + " or " + JarRun.jar() + "; run ./mvnw -B -q package -DskipTests first");
        image = tmp.resolve("image");
        home = Files.createDirectories(image.resolve("opt/kafka-aas"));
        Files.copy(HELPER_JAR, home.resolve("kafka-aas.jar"));
        Files.copy(REPO.resolve("cookbooks/kafka_aas/files/kafka-aas.jvm-options"), home.resolve("jvm.options"));
        launcher = Files.createDirectories(image.resolve("usr/local/bin")).resolve("kafka-aas");
        Files.copy(REPO.resolve("cookbooks/kafka_aas/files/kafka-aas.sh"), launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        upload = Files.createDirectories(tmp.resolve("upload"));
        Files.copy(JarRun.jar(), upload.resolve("kafka-aas-simulation.jar"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void trainsEachBootCommandsArchiveWhereTheLauncherLooksAndLeavesNothingBehind() throws Exception {
        Requirements.require(Files.isDirectory(KAFKA4_LIBS), "no Kafka 4 classpath at " + KAFKA4_LIBS + "; build simulation-kafka4 first");

        Run bake = bake(Map.of("KAFKA_TRAINING_CLASSPATH", KAFKA4_LIBS.toString()));

        assertThat(bake.exitCode()).as(bake.output()).isZero();
        for (Path archive : List.of(home.resolve("kafka-aas.jsa"), home.resolve("appcds/signal.jsa"), home.resolve("appcds/wait-healthy.jsa"))) {
            assertThat(archive).as(bake.output()).isNotEmptyFile();
        }
        // The step proved, through the launcher, that each archive serves its own command.
        assertThat(bake.output()).contains("trained on bootstrap, serves", "trained on signal, serves", "trained on wait-healthy, serves");
        assertThat(image.resolve("var/tmp/kafka-aas-appcds-training")).doesNotExist();
        assertThat(upload.resolve("kafka-aas-simulation.jar")).doesNotExist();
        assertValidates();
    }

    @Test
    void withoutKafkaTheImageShipsWithoutTheWaitHealthyArchiveAndTheBakeGoesOn() throws Exception {
        // PATH without kafka-storage and kafka-server-start, no KAFKA_TRAINING_CLASSPATH.
        Assumptions.assumeFalse(Files.exists(Path.of("/usr/bin/kafka-server-start")) || Files.exists(Path.of("/bin/kafka-server-start")),
                "Confluent's kafka-server-start is installed in /usr/bin: this machine cannot run a bake without Kafka");
        Run bake = bake(Map.of());

        assertThat(bake.exitCode()).as(bake.output()).isZero();
        assertThat(bake.output()).contains("no Kafka to train wait-healthy on", "wait-healthy maps kafka-aas.jsa");
        assertThat(home.resolve("kafka-aas.jsa")).isNotEmptyFile();
        assertThat(home.resolve("appcds/signal.jsa")).isNotEmptyFile();
        assertThat(home.resolve("appcds/wait-healthy.jsa")).doesNotExist();
        assertThat(image.resolve("var/tmp/kafka-aas-appcds-training")).doesNotExist();
        assertValidates();
    }

    private void assertValidates() throws Exception {
        Run validate = run(List.of("bash", REPO.resolve("packer/scripts/99-validate.sh").toString(), image.toString()), Map.of());
        assertThat(validate.exitCode()).as(validate.output()).isZero();
    }

    private Run bake(Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(extra);
        env.put("KAFKA_AAS_HOME", home.toString());
        env.put("UPLOAD_DIR", upload.toString());
        env.put("SCRATCH", image.resolve("var/tmp/kafka-aas-appcds-training").toString());
        env.put("LAUNCHER", launcher.toString());
        return run(List.of("bash", REPO.resolve("packer/scripts/40-appcds.sh").toString()), env);
    }

    private Run run(List<String> command, Map<String, String> extra) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("output.txt").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.equals("SCRATCH"));
        // The JDK's bin and the system's: no Confluent scripts, whatever the developer's PATH holds.
        String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
        builder.environment().put("PATH", javaBin + ":/usr/bin:/bin");
        builder.environment().putAll(extra);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the bake step did not finish within 10 minutes: " + read(tmp.resolve("output.txt")));
        }
        return new Run(process.exitValue(), read(tmp.resolve("output.txt")));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private record Run(int exitCode, String output) {
    }
}
