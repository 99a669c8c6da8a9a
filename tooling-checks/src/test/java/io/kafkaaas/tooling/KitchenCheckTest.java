package io.kafkaaas.tooling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** kitchen.yml parses the way Test Kitchen reads it (ERB first, then YAML), and its suites point at real tests. */
class KitchenCheckTest {
    private static final String PARSE = String.join("\n",
            "require 'erb'",
            "require 'yaml'",
            "config = YAML.safe_load(ERB.new(File.read(ARGV[0])).result, aliases: true)",
            "puts \"driver=#{config.dig('driver', 'name')}\"",
            "puts \"verifier=#{config.dig('verifier', 'name')}\"",
            "config.fetch('suites').each do |suite|",
            "  puts \"suite=#{suite.fetch('name')} run_list=#{suite.fetch('run_list').join(',')}\"",
            "  Array(suite.dig('verifier', 'inspec_tests')).each { |t| puts \"tests=#{t}\" }",
            "end");

    @TempDir
    Path tmp;

    private static Tool parse(Path kitchenYml) {
        return Tool.run(kitchenYml.getParent(), "ruby", "-e", PARSE, kitchenYml.toString());
    }

    @Test
    void parsesWithAnInstallAConfigureAndALocalConfigureSuite() {
        Tool parsed = parse(Repo.path("kitchen.yml"));

        assertThat(parsed.ok()).as(parsed.output()).isTrue();
        List<String> lines = parsed.output().lines().toList();
        assertThat(lines).contains("driver=ec2", "verifier=inspec",
                "suite=install run_list=recipe[kafka_aas::install]",
                "suite=configure run_list=recipe[kafka_aas::install],recipe[kafka_aas::configure]",
                "suite=configure-local run_list=recipe[kafka_aas::install],recipe[kafka_aas::configure]");
        assertThat(lines.stream().filter(l -> l.startsWith("tests=")).map(l -> Repo.path(l.substring(6))))
                .isNotEmpty().allSatisfy(dir -> assertThat(dir.resolve("controls")).isDirectory());
    }

    @Test
    void aYamlErrorFails() {
        Path copy = Repo.copy("kitchen.yml", tmp);
        Repo.replaceOnce(copy, "suites:\n", "suites:\n  name: [unclosed\n");

        Tool parsed = parse(copy);

        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.output()).containsIgnoringCase("syntax");
    }
}
