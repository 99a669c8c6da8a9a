package io.kafkaaas.cli;

import io.kafkaaas.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A domain value given as an option is parsed once, while the command line is read: a bad one is the one-line
 * exit 2 that names the option, before any command runs (so before any endpoint, all of them closed here, is called).
 */
class OptionValuesTest {
    private static final String[] OFFLINE = {"--region", "us-east-1", "--ec2-endpoint", "http://127.0.0.1:9",
            "--aws-max-attempts", "1"};

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "attach-eni    | --broker-id         | 4096                  | --broker-id 4096 is out of range 0-4095",
            "attach-volume | --broker-id         | x                     | --broker-id 'x' is not a broker id (a whole number 0-4095)",
            "attach-eni    | --timeout           | 86401                 | --timeout 86401 is out of range 0-86400 seconds",
            "claim-id      | --grace-period      | -5                    | --grace-period -5 is out of range 0-86400 seconds",
            "status        | --broker-count      | 4097                  | --broker-count 4097 is out of range 1-4096",
            "claim-id      | --availability-zone | us-east-1             | --availability-zone 'us-east-1' is not an Availability Zone (e.g. us-east-1a)",
            "release-id    | --instance-id       | bogus                 | --instance-id 'bogus' is not an EC2 instance id (i-...)",
            "status        | --cluster           | ../x                  | --cluster '../x' must be 1-100 of A-Z a-z 0-9 . _ - (not starting with .)",
            "attach-volume | --cluster-id        | my-cluster            | --cluster-id 'my-cluster' is not a Kafka cluster id",
            "bootstrap     | --tag-prefix        | KAFKA*                | --tag-prefix 'KAFKA*' is not a usable Name-tag prefix",
            "render        | --broker-count      | 0                     | --broker-count 0 is out of range 1-4096",
            "render        | --availability-zone | eu-west-1             | --availability-zone 'eu-west-1' is not an Availability Zone"})
    void aBadValueIsOneLineExit2NamingTheOption(String command, String option, String value, String message) {
        CliRun run = CliRun.of(command, option, value, "--output", "json");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("kafka-aas: " + message)
                .endsWith("(see 'kafka-aas " + command + " --help')");
        assertThat(run.json().get("exitCode").asInt()).isEqualTo(2);
        assertThat(run.json().get("error").asText()).startsWith(message);
    }

    @Test
    void aBadValueInTheConfigFileNamesTheOptionToo(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("kafka-aas.properties"), "broker-count=5000\ncluster=prod\n");

        CliRun run = CliRun.of("status", "--config", config.toString());

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().startsWith("kafka-aas: --broker-count 5000 is out of range 1-4096");
    }

    @Test
    void aGoodValueReachesTheCommand() {
        // The broker id and the rest parse; the run then fails on the unreachable EC2 endpoint, not on its input.
        CliRun run = CliRun.of(concat("attach-eni", "--broker-id", "4095", "--timeout", "0", "--instance-id", "i-0001",
                "--availability-zone", "us-west-2-lax-1a", "--tag-prefix", "prod kafka/"));

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(6);
        assertThat(run.errorLines()).singleElement().asString().startsWith("kafka-aas: attach-eni: ");
    }

    @Test
    void otherConversionErrorsKeepPicocliMessage() {
        CliRun run = CliRun.of("claim-id", "--aws-max-attempts", "many");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("Invalid value for option '--aws-max-attempts'", "'many'");
    }

    private static String[] concat(String... args) {
        String[] all = new String[args.length + OFFLINE.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(OFFLINE, 0, all, args.length, OFFLINE.length);
        return all;
    }
}
