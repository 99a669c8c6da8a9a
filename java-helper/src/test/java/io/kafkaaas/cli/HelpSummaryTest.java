package io.kafkaaas.cli;

import io.kafkaaas.testing.CliRun;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command list of 'kafka-aas --help' shows one summary per command; each must be a whole sentence. */
class HelpSummaryTest {
    @Test
    void everyCommandSummaryIsACompleteSentence() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();

        List<String> summaries = new ArrayList<>();
        boolean inCommands = false;
        for (String line : help.stdout().lines().toList()) {
            if (line.equals("Commands:")) {
                inCommands = true;
            } else if (inCommands && line.isBlank()) {
                break;
            } else if (inCommands && line.startsWith("  ") && !line.startsWith("    ")) {
                summaries.add(line.strip());                     // "claim-id       Claim a broker id ..."
            } else if (inCommands) {
                int last = summaries.size() - 1;                 // a wrapped continuation line
                summaries.set(last, summaries.get(last) + " " + line.strip());
            }
        }

        assertThat(summaries).hasSizeGreaterThanOrEqualTo(9);
        assertThat(summaries).allSatisfy(s -> assertThat(s).as(s).endsWith("."));
    }
}
