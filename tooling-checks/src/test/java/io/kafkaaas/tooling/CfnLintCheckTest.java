package io.kafkaaas.tooling;

import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cfn-lint (AWS's linter: resource schemas, intrinsic functions, and the AWS::LanguageExtensions transform, whose
 * Fn::ForEach it expands) on the stack for 3, 5 and 9 brokers, in both Kafka modes. cfn-lint expands the loops with
 * the parameters' defaults, so each case is a copy whose BrokerCount and KafkaMode defaults are that case.
 *
 * <p>cfn-lint lives in the machine's pyenv Python: KAFKA_AAS_CFN_LINT (set by .ci/run), else cfn-lint on PATH,
 * else beside KAFKA_AAS_PYTHON.
 */
class CfnLintCheckTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} brokers, {1} mode")
    @CsvSource({"3, zookeeper", "5, kraft", "9, zookeeper"})
    void theStackIsCfnLintClean(int brokers, String mode) {
        Path copy = Repo.copy(CloudFormationCheckTest.TEMPLATE, tmp);
        Repo.replaceOnce(copy, "    Type: Number\n    Default: \"3\"\n", "    Type: Number\n    Default: \"" + brokers + "\"\n");
        Repo.replaceOnce(copy, "    Default: zookeeper\n", "    Default: " + mode + "\n");

        Tool lint = Tool.run(tmp, cfnLint(), copy.toString());

        assertThat(lint.ok()).as(lint.toString()).isTrue();
    }

    @Test
    void aBrokenGeneratedVolumeFailsCfnLint() {
        Path copy = Repo.copy(CloudFormationCheckTest.TEMPLATE, tmp);
        Repo.replaceOnce(copy, "          VolumeType: gp3\n          Iops", "          VolumeType: gp9\n          Iops");

        Tool lint = Tool.run(tmp, cfnLint(), copy.toString());

        assertThat(lint.ok()).as(lint.toString()).isFalse();
        assertThat(lint.output()).contains("gp9");
    }

    static String cfnLint() {
        String configured = System.getenv("KAFKA_AAS_CFN_LINT");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (Requirements.onPath("cfn-lint")) {
            return "cfn-lint";
        }
        String python = System.getenv("KAFKA_AAS_PYTHON");
        if (python != null && Files.isExecutable(Path.of(python).resolveSibling("cfn-lint"))) {
            return Path.of(python).resolveSibling("cfn-lint").toString();
        }
        Requirements.require(false, "cfn-lint is not on PATH; it comes with the machine's pyenv Python (pip install cfn-lint),"
                + " or set KAFKA_AAS_CFN_LINT");
        return "cfn-lint";
    }
}
