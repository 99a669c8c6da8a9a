package io.kafkaaas.tooling;

import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** ruby -c, the ERB templates, rubocop and the helper library's tests on the cookbook; Chef itself is not installable here. */
class CookbookCheckTest {
    private static final String COOKBOOK = "cookbooks/kafka_aas";

    @TempDir
    Path tmp;

    private static List<Path> files(Path cookbook, String suffix) {
        try (Stream<Path> walk = Files.walk(cookbook)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Tool> rubySyntax(Path cookbook) {
        return files(cookbook, ".rb").stream().map(f -> Tool.run(cookbook, "ruby", "-c", f.toString())).toList();
    }

    /** Compiles each template's Ruby the way Chef does (ERB with trim mode "-"), without running it. */
    private static Tool erbSyntax(Path cookbook) {
        List<String> command = new ArrayList<>(List.of("ruby", "-rerb", "-e",
                "ARGV.each { |f| RubyVM::InstructionSequence.compile(ERB.new(File.read(f), trim_mode: '-').src, f) }"));
        files(cookbook, ".erb").forEach(f -> command.add(f.toString()));
        return Tool.run(cookbook, command);
    }

    @Test
    void everyRubyFileAndTemplateCompiles() {
        Path cookbook = Repo.path(COOKBOOK);

        assertThat(rubySyntax(cookbook)).hasSizeGreaterThanOrEqualTo(10).allSatisfy(t -> assertThat(t.ok()).as(t.output()).isTrue());
        Tool erb = erbSyntax(cookbook);
        assertThat(erb.ok()).as(erb.output()).isTrue();
    }

    @Test
    void aSyntaxErrorInARecipeOrATemplateFails() {
        Path cookbook = Repo.copy(COOKBOOK, tmp);
        Repo.write(cookbook.resolve("recipes/install.rb"), Repo.read(cookbook.resolve("recipes/install.rb")) + "\npackage 'x' do\n");
        Repo.replaceOnce(cookbook.resolve("templates/kafka-aas.properties.erb"), "<% end -%>\n<% {", "<% {");

        assertThat(rubySyntax(cookbook)).anySatisfy(t -> {
            assertThat(t.ok()).isFalse();
            assertThat(t.output()).contains("install.rb");
        });
        assertThat(erbSyntax(cookbook).ok()).isFalse();
    }

    @Test
    void rubocopIsClean() {
        Tool rubocop = Tool.run(Repo.path(COOKBOOK), "rubocop", "--cache", "false", "--format", "simple");

        assertThat(rubocop.ok()).as(rubocop.output()).isTrue();
    }

    @Test
    void rubocopFailsOnAnOffence() {
        Path cookbook = Repo.copy(COOKBOOK, tmp);
        Repo.write(cookbook.resolve("recipes/install.rb"), Repo.read(cookbook.resolve("recipes/install.rb"))
                + "\nunused = node['kafka_aas']['service']\n");

        Tool rubocop = Tool.run(cookbook, "rubocop", "--cache", "false", "--format", "simple");

        assertThat(rubocop.ok()).isFalse();
        assertThat(rubocop.output()).contains("Lint/UselessAssignment");
    }

    @Test
    void theHelperLibraryTestsPassAgainstTheRealJar() {
        Requirements.require(Files.exists(Repo.jar()), Repo.jar() + " is not built; run ./mvnw -B package (or verify) first");
        Path cookbook = Repo.path(COOKBOOK);

        Tool minitest = Tool.run(cookbook, Map.of("KAFKA_AAS_JAR", Repo.jar().toString()),
                List.of("ruby", "test/unit/helper_test.rb"));

        assertThat(minitest.ok()).as(minitest.output()).isTrue();
        assertThat(minitest.output()).containsPattern("\\d+ runs, \\d+ assertions, 0 failures, 0 errors, 0 skips");
    }

    @Test
    void resourcesAreUnifiedModeAndEveryPropertyIsDescribed() {
        assertThat(resourceProblems(Repo.path(COOKBOOK))).isEmpty();
    }

    @Test
    void aPropertyWithoutDescriptionIsReported() {
        Path cookbook = Repo.copy(COOKBOOK, tmp);
        Repo.replaceOnce(cookbook.resolve("resources/volume.rb"), "         description: 'Where the volume is mounted (absolute path).'\n", "");
        Repo.replaceOnce(cookbook.resolve("resources/eni.rb"), "unified_mode true\n", "");

        assertThat(resourceProblems(cookbook)).containsExactlyInAnyOrder(
                "resources/eni.rb: no `unified_mode true`",
                "resources/volume.rb: property :mount_point has no description");
    }

    @Test
    void theConfigureRecipeGivesTheIdentityWithOneBootstrapCall() {
        assertThat(bootPathProblems(Repo.path(COOKBOOK))).isEmpty();
    }

    @Test
    void aConfigureRecipeThatCallsTheStepsSeparatelyIsReported() {
        Path cookbook = Repo.copy(COOKBOOK, tmp);
        Repo.write(cookbook.resolve("recipes/configure.rb"), Repo.read(cookbook.resolve("recipes/configure.rb"))
                + "\nkafka_aas_broker_id 'c' do\n  action :claim\nend\n\nkafka_aas_broker 'again' do\n  action :bootstrap\nend\n");

        assertThat(bootPathProblems(cookbook)).containsExactlyInAnyOrder(
                "recipes/configure.rb: uses kafka_aas_broker 2 times; the boot converges it exactly once",
                "recipes/configure.rb: uses kafka_aas_broker_id; the boot's steps run inside the one bootstrap call");
    }

    /**
     * One boot path (DESIGN.md): the shipped configure recipe converges kafka_aas_broker (kafka-aas bootstrap) once,
     * and none of the single-step resources, which stay for users who compose their own recipes.
     */
    static List<String> bootPathProblems(Path cookbook) {
        String recipe = Repo.read(cookbook.resolve("recipes/configure.rb"));
        List<String> problems = new ArrayList<>();
        long brokers = Pattern.compile("(?m)^\\s*kafka_aas_broker\\s").matcher(recipe).results().count();
        if (brokers != 1) {
            problems.add("recipes/configure.rb: uses kafka_aas_broker " + brokers + " times; the boot converges it exactly once");
        }
        for (String step : List.of("kafka_aas_broker_id", "kafka_aas_eni", "kafka_aas_volume", "kafka_aas_config")) {
            if (Pattern.compile("(?m)^\\s*" + step + "\\s").matcher(recipe).find()) {
                problems.add("recipes/configure.rb: uses " + step + "; the boot's steps run inside the one bootstrap call");
            }
        }
        if (!Repo.read(cookbook.resolve("resources/broker.rb")).contains("run_helper('bootstrap'")) {
            problems.add("resources/broker.rb: does not run kafka-aas bootstrap");
        }
        return problems;
    }

    /**
     * The resource conventions of the issue: unified mode, a kafka_aas_ name, a description on every property.
     * Partials (resources/_partial/, shared through `use`) are no resources: only their properties are checked.
     */
    static List<String> resourceProblems(Path cookbook) {
        List<String> problems = new ArrayList<>();
        Path resources = cookbook.resolve("resources");
        for (Path resource : files(resources, ".rb")) {
            String name = "resources/" + resources.relativize(resource);
            String source = Repo.read(resource);
            boolean partial = resource.getFileName().toString().startsWith("_");
            if (!partial && !source.contains("\nunified_mode true\n")) {
                problems.add(name + ": no `unified_mode true`");
            }
            if (!partial && !source.contains("provides :kafka_aas_")) {
                problems.add(name + ": provides no kafka_aas_ resource");
            }
            Matcher property = Pattern.compile("(?m)^property :(\\w+),(.*?)(?=^property |^action |\\z)", Pattern.DOTALL).matcher(source);
            while (property.find()) {
                if (!property.group(2).contains("description:")) {
                    problems.add(name + ": property :" + property.group(1) + " has no description");
                }
            }
        }
        return problems;
    }
}
