package io.kafkaaas.cli;

import io.kafkaaas.claim.OwnerLiveness;
import io.kafkaaas.core.BrokerCount;
import io.kafkaaas.core.Seconds;
import io.kafkaaas.core.UsageException;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Options of the commands that look at broker slots. */
public final class ClaimOptions {
    @Option(names = "--broker-count", paramLabel = "N", description = "Number of broker slots: ids 0..N-1.")
    BrokerCount brokerCount;

    @Option(names = "--grace-period", paramLabel = "SECONDS", defaultValue = "600",
            description = "How old a claim must be before an owner EC2 does not know counts as dead"
                    + " (EC2 is eventually consistent). Default: ${DEFAULT-VALUE}.")
    Seconds grace = new Seconds(OwnerLiveness.DEFAULT_GRACE.toSeconds());

    public int brokerCount() {
        if (brokerCount == null) {
            throw new UsageException("--broker-count is required: the number of broker slots (ids 0..N-1)");
        }
        return brokerCount.value();
    }

    public Duration grace() {
        return grace.duration();
    }

    public void validate() {
        brokerCount();
    }
}
