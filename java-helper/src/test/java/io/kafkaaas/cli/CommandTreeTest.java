package io.kafkaaas.cli;

import io.kafkaaas.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run models only the command it names, yet behaves as if every command were there: the one config file of an
 * instance carries keys of other commands, and the usage without a command lists them all.
 */
class CommandTreeTest {
    @Test
    void aConfigFileKeyOfAnotherCommandIsAcceptedByARunOfOneCommand(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("kafka-aas.properties");
        // bootstrap-server and command-config are wait-healthy's; status knows neither.
        Files.writeString(config, "bootstrap-server=127.0.0.1:9092\ncommand-config=/etc/kafka/client.properties\n");

        CliRun run = CliRun.of("status", "--config", config.toString(), "--help");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("Usage: kafka-aas status");
    }

    @Test
    void aKeyNoCommandKnowsIsStillAUsageError(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("kafka-aas.properties");
        Files.writeString(config, "bootstrap-server=127.0.0.1:9092\nbootstrap-sever=127.0.0.1:9092\n");

        CliRun run = CliRun.of("status", "--config", config.toString(), "--help");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("unknown key 'bootstrap-sever'");
    }

    @Test
    void withoutACommandEveryCommandIsListed() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        for (String name : KafkaAasCommand.COMMANDS.keySet()) {
            assertThat(help.stdout()).as(name).contains("  " + name + " ");
        }

        CliRun none = CliRun.of();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.errorLines()).singleElement().asString().contains("a command is required", "bootstrap", "wait-healthy");
    }

    @Test
    void eachNameIsTheOneItsCommandDeclares() {
        KafkaAasCommand.COMMANDS.forEach((name, command) ->
                assertThat(command.getAnnotation(picocli.CommandLine.Command.class).name()).as(command.getName()).isEqualTo(name));
    }

    @Test
    void aMisspeltCommandGetsTheWholeTreeForItsSuggestion() {
        CliRun run = CliRun.of("bootsrap");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("bootsrap");
    }
}
