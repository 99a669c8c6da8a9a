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
 * What can be read of the bake's AppCDS training without running a bake (Packer cannot build here): the archive
 * is trained on a real `bootstrap`, with the launcher's JVM flags, in a scratch root; the training step deletes
 * the simulation jar and the scratch root, and 99-validate.sh fails the bake if either, or an identity, is left.
 * 99-validate.sh's behaviour on each leftover is ImageValidationTest's.
 */
class AppCdsTrainingCheckTest {
    @TempDir
    Path tmp;

    @Test
    void theArchiveIsTrainedOnBootstrapAndTheBakeProvesTheTrainingLeftNothing() {
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
            problems.add("40-appcds.sh does not train on bootstrap (the boot's one helper call)");
        }
        if (!Pattern.compile("java \"\\$\\{jvm_flags\\[@]}\" -XX:ArchiveClassesAtExit=\"\\$ARCHIVE\"[^\\n]*\\\\\\n[^\\n]*\"\\$\\{training\\[@]}\"")
                .matcher(appcds).find()) {
            problems.add("40-appcds.sh does not dump the archive from the training bootstrap with the launcher's jvm.options flags");
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
