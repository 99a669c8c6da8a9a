package io.kafkaaas.cli;

import io.kafkaaas.core.UsageException;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Options of the commands that attach a broker's resources. */
public final class AttachOptions {
    static final int MAX_BROKER_ID = ClaimOptions.MAX_BROKERS - 1;

    @Option(names = "--broker-id", paramLabel = "N", description = "The broker id this instance claimed (claim-id).")
    Integer brokerId;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long each wait on EC2 may take (the old holder releasing the resource, the attachment, the"
                    + " device appearing) before exit 4. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds = 300;

    public int brokerId() {
        if (brokerId == null) {
            throw new UsageException("--broker-id is required: the id claimed with 'kafka-aas claim-id'");
        }
        if (brokerId < 0 || brokerId > MAX_BROKER_ID) {
            throw new UsageException("--broker-id " + brokerId + " is out of range 0-" + MAX_BROKER_ID);
        }
        return brokerId;
    }

    public Duration timeout() {
        if (timeoutSeconds < 0 || timeoutSeconds > 86_400) {
            throw new UsageException("--timeout " + timeoutSeconds + " is out of range 0-86400 seconds");
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    public void validate() {
        brokerId();
        timeout();
    }
}
