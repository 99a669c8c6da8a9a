package io.kafkaaas.cli;

import io.kafkaaas.render.KafkaMode;
import picocli.CommandLine.Option;

/**
 * --kafka-mode for the commands that do not render (claim-id, release-id, status): it only picks the default claim
 * store. The render options carry their own, so one --config file serves every command.
 */
public final class KafkaModeOption {
    @Option(names = "--kafka-mode", paramLabel = "zookeeper|kraft", defaultValue = "zookeeper",
            description = "zookeeper or kraft; with kraft the default --claim-store is eni. Default: ${DEFAULT-VALUE}.")
    KafkaMode kafkaMode = KafkaMode.zookeeper;

    KafkaMode mode() {
        return kafkaMode;
    }
}
