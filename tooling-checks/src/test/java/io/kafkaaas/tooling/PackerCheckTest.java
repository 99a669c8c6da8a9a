package io.kafkaaas.tooling;

import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * packer fmt -check and a full packer validate (offline: Debian's packer 1.6.6 has amazon-ebs built in, and
 * validate checks every variable rule and that every uploaded file and script exists). plugins.pkr.hcl, which
 * 1.6.6 rejects, is moved aside for validation; newer Packer reads it for `packer init`.
 */
class PackerCheckTest {
    @TempDir
    Path tmp;

    @Test
    void theTemplateIsFormatted() {
        Tool fmt = Tool.run(Repo.path("packer"), "packer", "fmt", "-check", "-diff", ".");

        assertThat(fmt.ok()).as("run `packer fmt packer/`:%n%s", fmt.output()).isTrue();
    }

    @Test
    void fmtCheckFailsOnBadFormatting() {
        Path copy = Repo.copy("packer", tmp);
        Repo.replaceOnce(copy.resolve("kafka-aas.pkr.hcl"), "  region          = var.region", "  region = var.region");

        Tool fmt = Tool.run(copy, "packer", "fmt", "-check", ".");

        assertThat(fmt.ok()).isFalse();
        assertThat(fmt.output()).contains("kafka-aas.pkr.hcl");
    }

    @Test
    void theTemplateValidates() {
        Path packer = mirror();

        Tool validate = Tool.run(packer, "packer", "validate", ".");

        assertThat(validate.ok()).as("packer validate:%n%s", validate.output()).isTrue();
    }

    @Test
    void aConfluentPlatform8ImageValidatesToo() {
        Path packer = mirror();

        Tool validate = Tool.run(packer, "packer", "validate", "-var", "confluent_version=8.0.0", ".");

        assertThat(validate.ok()).as("packer validate:%n%s", validate.output()).isTrue();
    }

    @Test
    void theBakedExporterIsTheOneTheCookbookPins() {
        String variables = Repo.read(Repo.path("packer/variables.pkr.hcl"));
        String attributes = Repo.read(Repo.path("cookbooks/kafka_aas/attributes/default.rb"));

        for (String pin : List.of("version", "sha256")) {
            Matcher packerDefault = Pattern.compile(
                    "variable \"jmx_exporter_" + pin + "\" \\{\\s*type\\s*=\\s*string\\s*default\\s*=\\s*\"([^\"]+)\"").matcher(variables);
            Matcher cookbookDefault = Pattern.compile(
                    "\\['jmx_exporter'\\]\\['" + pin + "'\\] = '([^']+)'").matcher(attributes);
            assertThat(packerDefault.find()).as("packer variable jmx_exporter_" + pin).isTrue();
            assertThat(cookbookDefault.find()).as("cookbook attribute jmx_exporter." + pin).isTrue();
            assertThat(packerDefault.group(1)).as("jmx_exporter " + pin).isEqualTo(cookbookDefault.group(1));
        }
    }

    @Test
    void validateFailsOnAnInvalidVariable() {
        Path packer = mirror();
        Repo.replaceOnce(packer.resolve("variables.pkr.hcl"), "default     = \"7.9.0\"", "default     = \"7.9\"");

        Tool validate = Tool.run(packer, "packer", "validate", ".");

        assertThat(validate.ok()).isFalse();
        assertThat(validate.output()).contains("confluent_version must be a full version");
    }

    @Test
    void validateFailsOnAMissingScript() throws IOException {
        Path packer = mirror();
        Files.delete(packer.resolve("scripts/99-validate.sh"));

        Tool validate = Tool.run(packer, "packer", "validate", ".");

        assertThat(validate.ok()).isFalse();
        assertThat(validate.output()).contains("99-validate.sh");
    }

    @Test
    void debiansPackerRejectsRequiredPluginsWhichIsWhyItLivesInItsOwnFile() {
        String plugins = Repo.read(Repo.path("packer/plugins.pkr.hcl"));
        assertThat(plugins).contains("required_plugins").contains("github.com/hashicorp/amazon");
        Path packer = mirror();
        Repo.copy("packer/plugins.pkr.hcl", tmp);

        Tool validate = Tool.run(packer, "packer", "validate", ".");

        Tool version = Tool.run(tmp, "packer", "version");
        if (version.output().contains("v1.6.")) {
            assertThat(validate.ok()).isFalse();
            assertThat(validate.output()).contains("required_plugins");
        }
    }

    @Test
    void theImageIsEncryptedFilteredManifestedAndBuiltByStrictScripts() {
        assertThat(imageProblems(Repo.path("packer"))).isEmpty();
    }

    @Test
    void theImageChecksFailOnAnUnencryptedRootOrALooseScript() {
        Path copy = Repo.copy("packer", tmp);
        Repo.replaceOnce(copy.resolve("kafka-aas.pkr.hcl"), "encrypt_boot    = true", "encrypt_boot    = false");
        Repo.replaceOnce(copy.resolve("scripts/40-appcds.sh"), "set -euo pipefail", "set -e");

        assertThat(imageProblems(copy)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("encrypt_boot"))
                .anySatisfy(p -> assertThat(p).contains("40-appcds.sh"));
    }

    /** What the image must be, read from the HCL: validate cannot tell an unencrypted AMI from an encrypted one. */
    static List<String> imageProblems(Path packerDir) {
        String hcl = Repo.read(packerDir.resolve("kafka-aas.pkr.hcl"));
        List<String> problems = new ArrayList<>();
        require(problems, hcl, "(?m)^\\s*encrypt_boot\\s*=\\s*true$", "encrypt_boot = true (the AMI's snapshot is encrypted)");
        require(problems, hcl, "(?s)launch_block_device_mappings \\{[^}]*encrypted\\s*=\\s*true", "an encrypted root volume");
        require(problems, hcl, "(?s)launch_block_device_mappings \\{[^}]*volume_type\\s*=\\s*\"gp3\"", "a gp3 root volume");
        require(problems, hcl, "(?s)source_ami_filter \\{.*most_recent\\s*=\\s*true", "a source_ami_filter");
        require(problems, hcl, "post-processor \"manifest\"", "the manifest post-processor");
        require(problems, hcl, "scripts/99-validate\\.sh\"\\s*\\n\\s*}\\s*\\n\\s*\\n\\s*post-processor", "99-validate.sh as the last provisioner");
        if (hcl.contains("iam_instance_profile") || hcl.contains("access_key") || hcl.contains("secret_key")) {
            problems.add("the build must not carry credentials (no iam_instance_profile, access_key or secret_key)");
        }
        try (var scripts = Files.list(packerDir.resolve("scripts"))) {
            for (Path script : scripts.sorted().toList()) {
                if (!Repo.read(script).contains("\nset -euo pipefail\n")) {
                    problems.add(script.getFileName() + " does not start with set -euo pipefail");
                }
                if (!hcl.contains("scripts/" + script.getFileName())) {
                    problems.add(script.getFileName() + " is not run by the template");
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return problems;
    }

    private static void require(List<String> problems, String hcl, String regex, String what) {
        if (!Pattern.compile(regex).matcher(hcl).find()) {
            problems.add("the template lacks " + what);
        }
    }

    /**
     * packer/ next to what it uploads (the jars, templates/, the cookbook), without plugins.pkr.hcl. The jar is
     * built by java-helper earlier in the reactor; templates/ is created empty if this checkout has none yet.
     */
    private Path mirror() {
        Requirements.require(Files.exists(Repo.jar()), Repo.jar() + " is not built; run ./mvnw -B package (or verify) first");
        Requirements.require(Files.exists(Repo.simulationJar()),
                Repo.simulationJar() + " is not built; run ./mvnw -B package (or verify) first");
        Path packer = Repo.copy("packer", tmp);
        try {
            Files.delete(packer.resolve("plugins.pkr.hcl"));
            Files.createDirectories(tmp.resolve("java-helper/target"));
            Files.createSymbolicLink(tmp.resolve("java-helper/target/kafka-aas.jar"), Repo.jar());
            Files.createDirectories(tmp.resolve("simulation/target"));
            Files.createSymbolicLink(tmp.resolve("simulation/target/kafka-aas-simulation.jar"), Repo.simulationJar());
            Files.createSymbolicLink(tmp.resolve("cookbooks"), Repo.path("cookbooks"));
            // validate only checks that the exporter jar exists (./mvnw dependency:copy fetches it for a bake; the
            // install recipe checks its sha256 there): a stand-in of the default version's name.
            Matcher version = Pattern.compile(
                    "variable \"jmx_exporter_version\" \\{\\s*type\\s*=\\s*string\\s*default\\s*=\\s*\"([^\"]+)\"")
                    .matcher(Repo.read(packer.resolve("variables.pkr.hcl")));
            if (version.find()) {
                Files.createDirectories(packer.resolve("target"));
                Files.writeString(packer.resolve("target/jmx_prometheus_javaagent-" + version.group(1) + ".jar"), "stand-in");
            }
            if (Files.isDirectory(Repo.path("templates"))) {
                Files.createSymbolicLink(tmp.resolve("templates"), Repo.path("templates"));
            } else {
                Files.createDirectories(tmp.resolve("templates"));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return packer;
    }
}
