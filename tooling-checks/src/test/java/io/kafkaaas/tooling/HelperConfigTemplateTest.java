package io.kafkaaas.tooling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The helper options file the configure recipe writes (templates/kafka-aas.properties.erb), rendered the way Chef
 * renders it with every attribute it reads set: each key it can write is an option some helper command knows, so
 * the helper, which stops at a key no command knows (exit 2), never refuses the file Chef wrote.
 */
class HelperConfigTemplateTest {
    private static final String TEMPLATE = "cookbooks/kafka_aas/templates/kafka-aas.properties.erb";
    /** A sample value for every attribute the template reads; a new attribute without one fails the render. */
    private static final String RENDER = String.join("\n",
            "require 'erb'",
            "samples = { 'cluster' => 'prod', 'broker_count' => 3, 'tag_prefix' => 'KAFKA-', 'region' => 'eu-west-1',",
            "  'zookeeper_auth_file' => '/etc/kafka-aas/zookeeper-auth', 'ec2_endpoint' => 'http://127.0.0.1:8999',",
            "  'imds_endpoint' => 'http://127.0.0.1:8999/i-0123456789abcdef0', 'autoscaling_endpoint' => 'http://127.0.0.1:8999',",
            "  'cloudformation_endpoint' => 'http://127.0.0.1:8999', 'instance_id' => 'i-0123456789abcdef0',",
            "  'availability_zone' => 'eu-west-1a', 'kafka_mode' => ENV.fetch('KAFKA_MODE', 'zookeeper') }",
            "every = ->(h) { Hash.new { |_, k| h.fetch(k) { raise \"no sample value for attribute '#{k}': add one to this test\" } } }",
            "@settings = every.call(samples.merge('aws' => every.call(samples)))",
            "@zookeeper = samples['kafka_mode'] == 'kraft' ? nil : 'zk1:2181,zk2:2181/kafka'",
            "print ERB.new(File.read(ARGV[0]), trim_mode: '-').result(binding)");
    private static final Pattern TEMPLATE_KEY = Pattern.compile("'([a-z-]+)' => '[a-z_]+'|^([a-z-]+)=<%=", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    private static Tool render(Path template) {
        return render(template, "zookeeper");
    }

    /** As the configure recipe renders it in the given Kafka mode (KRaft passes no ZooKeeper). */
    private static Tool render(Path template, String kafkaMode) {
        return Tool.run(template.getParent(), Map.of("KAFKA_MODE", kafkaMode), List.of("ruby", "-e", RENDER, template.toString()));
    }

    private static List<String> keysOf(String text, Pattern pattern) {
        List<String> keys = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            keys.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return keys;
    }

    /** The built production jar, as the instance runs it. */
    private Tool helper(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Repo.jar().toString(), "io.kafkaaas.cli.Main"));
        command.addAll(List.of(args));
        return Tool.run(tmp, command);
    }

    @Test
    void everyKeyTheTemplateCanWriteIsAnOptionOfTheHelper() {
        Path template = Repo.path(TEMPLATE);
        Tool rendered = render(template);
        assertThat(rendered.ok()).as(rendered.output()).isTrue();
        Path file = tmp.resolve("kafka-aas.properties");
        Repo.write(file, rendered.output());

        List<String> written = keysOf(rendered.output(), Pattern.compile("^([a-z-]+)=", Pattern.MULTILINE));
        assertThat(written).containsExactlyInAnyOrderElementsOf(keysOf(Repo.read(template), TEMPLATE_KEY))
                .contains("zookeeper", "autoscaling-endpoint", "cloudformation-endpoint");
        for (String command : List.of("bootstrap", "signal", "status")) {
            Tool run = helper(command, "--config", file.toString(), "--help");
            assertThat(run.ok()).as(command + ": " + run.output()).isTrue();
        }
    }

    /**
     * The termination watcher and the power-off unit run release-id with this file alone. On a KRaft instance it must
     * pick the ENI store: as the ZooKeeper store (the default without kafka-mode) it stops at the missing --zookeeper
     * (exit 2) before it completes the termination hook, so every termination waits out the hook's heartbeat timeout.
     */
    @Test
    void aKraftInstancesFileMakesReleaseIdAndStatusUseTheEniStore() {
        Tool rendered = render(Repo.path(TEMPLATE), "kraft");
        assertThat(rendered.ok()).as(rendered.output()).isTrue();
        assertThat(rendered.output()).doesNotContain("zookeeper=");
        Path file = tmp.resolve("kafka-aas.properties");
        Repo.write(file, rendered.output());

        // Nothing answers at this EC2 endpoint: the store is chosen before any call, so the command gets that far.
        for (String command : List.of("release-id", "status")) {
            Tool run = helper(command, "--config", file.toString(), "--ec2-endpoint", "http://127.0.0.1:9", "--aws-max-attempts", "1");
            assertThat(run.output()).as(command).doesNotContain("--zookeeper is required");
            assertThat(run.exitCode()).as(command + ": " + run.output()).isNotEqualTo(2);
        }
    }

    @Test
    void aKeyNoCommandKnowsIsRefused() {
        Path template = Repo.copy(TEMPLATE, tmp);
        Repo.replaceOnce(template, "'autoscaling-endpoint' =>", "'autoscaling-endpiont' =>");
        Tool rendered = render(template);
        assertThat(rendered.ok()).as(rendered.output()).isTrue();
        Path file = tmp.resolve("kafka-aas.properties");
        Repo.write(file, rendered.output());

        Tool run = helper("signal", "--config", file.toString(), "--help");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("unknown key 'autoscaling-endpiont'");
    }
}
