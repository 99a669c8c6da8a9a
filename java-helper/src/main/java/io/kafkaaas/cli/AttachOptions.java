package io.kafkaaas.cli;

import io.kafkaaas.core.BrokerId;
import io.kafkaaas.core.Seconds;
import io.kafkaaas.core.UsageException;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Options of the commands that attach a broker's resources. */
public final class AttachOptions {
    @Option(names = "--broker-id", paramLabel = "N", description = "The broker id this instance claimed (claim-id).")
    BrokerId brokerId;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long each wait on EC2 may take (the old holder releasing the resource, the attachment, the"
                    + " device appearing) before exit 4. Default: ${DEFAULT-VALUE}.")
    Seconds timeout = new Seconds(300);

    public int brokerId() {
        if (brokerId == null) {
            throw new UsageException("--broker-id is required: the id claimed with 'kafka-aas claim-id'");
        }
        return brokerId.value();
    }

    public Duration timeout() {
        return timeout.duration();
    }

    public void validate() {
        brokerId();
    }
}
