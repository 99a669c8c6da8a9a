package io.kafkaaas.tooling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be read of the bake's AppCDS training without running a bake (Packer cannot build here): one archive per
 * boot command, each trained on a real run of it (bootstrap, signal --success, wait-healthy against a throwaway
 * broker), with the launcher's JVM flags, in a scratch root, where the launcher looks for it; the training step
 * deletes the simulation jar and the scratch root, and 99-validate.sh fails the bake if either, an identity or a
 * training broker's data is left. 99-validate.sh's behaviour on each leftover is ImageValidationTest's; the
 * launcher's choice of archive is ScriptBehaviourTest's.
 */
class AppCdsTrainingCheckTest {
    @TempDir
    Path tmp;

    @Test
    void eachBootCommandsArchiveIsTrainedOnItAndTheBakeProvesTheTrainingLeftNothing() {
        assertThat(trainingProblems(Repo.path("packer"))).isEmpty();
    }

    @Test
    void theCheckFailsOnATrainingRunThroughASourceFileLauncher() {
        Path copy = Repo.copy("packer", tmp);
        Repo.replaceOnce(copy.resolve("scripts/40-appcds.sh"), "io.kafkaaas.cli.AppCdsTraining \"$SIMULATION_JAR\"",
                "\"$SCRATCH/AppCdsTraining.java\"");

        assertThat(trainingProblems(copy)).singleElement().asString().contains("source-file launcher");
    }

    @Test
    void theCheckFailsOnASignalArchiveTrainedOnAnotherCommandOrABrokerOutsideTheScratchRoot() {
        Path copy = Repo.copy("packer", tmp);
        Repo.replaceOnce(copy.resolve("scripts/40-appcds.sh"), "signal_training=(signal --success ", "signal_training=(status ");
        Repo.replaceOnce(copy.resolve("scripts/40-appcds.sh"), "readonly KAFKA_DIR=$SCRATCH/kafka", "readonly KAFKA_DIR=/var/tmp/kafka");
        Repo.replaceOnce(copy.resolve("scripts/99-validate.sh"), "-name '__cluster_metadata-*'", "-name '__nothing'");

        assertThat(trainingProblems(copy)).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("signal --success"))
                .anySatisfy(p -> assertThat(p).contains("training broker").contains("scratch root"))
                .anySatisfy(p -> assertThat(p).contains("KRaft metadata log"));
    }

    @Test
    void theCheckFailsOnATrainingRunThatIsNotBootstrapOrAValidationThatForgetsTheScratchRoot() {
        Path copy = Repo.copy("packer", tmp);
        Repo.replaceOnce(copy.resolve("scripts/40-appcds.sh"), "training=(bootstrap ", "training=(signal --failure ");
        Repo.replaceOnce(copy.resolve("scripts/99-validate.sh"), "\"$ROOT/var/tmp/kafka-aas-appcds-training\"", "\"$ROOT/var/tmp/elsewhere\"");

        assertThat(trainingProblems(copy)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("bootstrap"))
                .anySatisfy(p -> assertThat(p).contains("scratch root"));
    }

    static List<String> trainingProblems(Path packerDir) {
        String hcl = Repo.read(packerDir.resolve("kafka-aas.pkr.hcl"));
        String appcds = Repo.read(packerDir.resolve("scripts/40-appcds.sh"));
        String validate = Repo.read(packerDir.resolve("scripts/99-validate.sh"));
        List<String> problems = new ArrayList<>();
        if (!Pattern.compile("(?m)^training=\\(bootstrap ").matcher(appcds).find()) {
            problems.add("40-appcds.sh does not train on bootstrap (the boot's first helper call)");
        }
        if (!Pattern.compile("java \"\\$\\{jvm_flags\\[@]}\" -XX:ArchiveClassesAtExit=\"\\$archive\"[^\\n]*\\\\\\n[^\\n]* \"\\$@\" ")
                .matcher(appcds).find()) {
            problems.add("40-appcds.sh does not dump each archive from its training run with the launcher's jvm.options flags");
        }
        // Each command's archive where the launcher (kafka-aas.sh) looks for it: kafka-aas.jsa, appcds/<command>.jsa.
        if (!appcds.contains("readonly ARCHIVE=$HOME_DIR/kafka-aas.jsa") || !appcds.contains("readonly COMMAND_ARCHIVES=$HOME_DIR/appcds")
                || !appcds.contains("train \"$ARCHIVE\" bootstrap \"${training[@]}\"")) {
            problems.add("40-appcds.sh does not write bootstrap's archive to kafka-aas.jsa, where the launcher falls back to it");
        }
        if (!Pattern.compile("(?m)^signal_training=\\(signal --success ").matcher(appcds).find()
                || !appcds.contains("train \"$COMMAND_ARCHIVES/signal.jsa\" signal \"${signal_training[@]}\"")) {
            problems.add("40-appcds.sh does not train appcds/signal.jsa on signal --success (what the boot sends once healthy)");
        }
        if (!Pattern.compile("(?m)^  wait_training=\\(wait-healthy ").matcher(appcds).find()
                || !appcds.contains("train \"$COMMAND_ARCHIVES/wait-healthy.jsa\" wait-healthy \"${wait_training[@]}\"")) {
            problems.add("40-appcds.sh does not train appcds/wait-healthy.jsa on wait-healthy");
        }
        if (!appcds.contains("readonly KAFKA_DIR=$SCRATCH/") || !appcds.contains("log.dirs=$KAFKA_DIR/")
                || !appcds.contains("LOG_DIR=$KAFKA_DIR/")) {
            problems.add("40-appcds.sh's training broker does not keep its config, data and logs under the scratch root");
        }
        String launcher = Repo.read(Repo.path("cookbooks/kafka_aas/files/kafka-aas.sh"));
        if (!launcher.contains("$KAFKA_AAS_HOME/appcds/$1.jsa") || !launcher.contains("archive=$KAFKA_AAS_HOME/kafka-aas.jsa")) {
            problems.add("the launcher does not look for appcds/<command>.jsa and kafka-aas.jsa, where 40-appcds.sh writes them");
        }
        if (!appcds.contains("-cp \"$JAR\" io.kafkaaas.cli.AppCdsTraining ") || Pattern.compile("\\.java\"? ").matcher(appcds).find()) {
            problems.add("40-appcds.sh does not train through the production jar's entry point (io.kafkaaas.cli.AppCdsTraining):"
                    + " a source-file launcher puts the Java compiler's classes in the archive every boot maps");
        }
        if (!appcds.contains("--root \"$SCRATCH/")) {
            problems.add("40-appcds.sh's training bootstrap does not write under the scratch root (--root \"$SCRATCH/...\")");
        }
        if (!appcds.contains("rm -rf \"$SCRATCH\" \"$SIMULATION_JAR\"")) {
            problems.add("40-appcds.sh does not delete the scratch root and the simulation jar");
        }
        Matcher scratch = Pattern.compile("(?m)^readonly SCRATCH=\\$\\{SCRATCH:-(/[^}]+)}$").matcher(appcds);
        if (!scratch.find() || !validate.contains("\"$ROOT" + scratch.group(1) + "\"")) {
            problems.add("99-validate.sh does not look for 40-appcds.sh's scratch root");
        }
        if (!validate.contains("-name 'kafka-aas-simulation*.jar'")) {
            problems.add("99-validate.sh does not look for the simulation jar");
        }
        if (!validate.contains("-name '__cluster_metadata-*'")) {
            problems.add("99-validate.sh does not look for a training broker's KRaft metadata log");
        }
        if (!validate.contains("-name meta.properties")) {
            problems.add("99-validate.sh does not look for a broker identity (meta.properties) left by the training");
        }
        if (!hcl.contains("destination = \"${local.upload_dir}/kafka-aas-simulation.jar\"")
                || !appcds.contains("SIMULATION_JAR=$UPLOAD_DIR/kafka-aas-simulation.jar")) {
            problems.add("the template does not upload the simulation jar where 40-appcds.sh reads it");
        }
        int training = hcl.indexOf("scripts/40-appcds.sh");
        int validation = hcl.indexOf("scripts/99-validate.sh");
        if (training < 0 || validation < training) {
            problems.add("99-validate.sh does not run after 40-appcds.sh");
        }
        return problems;
    }
}
