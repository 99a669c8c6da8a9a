package io.kafkaaas.cli;

import io.kafkaaas.claim.OwnerLiveness;
import io.kafkaaas.core.UsageException;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Options of the commands that look at broker slots. */
public final class ClaimOptions {
    static final int MAX_BROKERS = 4096;

    @Option(names = "--broker-count", paramLabel = "N", description = "Number of broker slots: ids 0..N-1.")
    Integer brokerCount;

    @Option(names = "--grace-period", paramLabel = "SECONDS", defaultValue = "600",
            description = "How old a claim must be before an owner EC2 does not know counts as dead"
                    + " (EC2 is eventually consistent). Default: ${DEFAULT-VALUE}.")
    long graceSeconds = OwnerLiveness.DEFAULT_GRACE.toSeconds();

    public int brokerCount() {
        if (brokerCount == null) {
            throw new UsageException("--broker-count is required: the number of broker slots (ids 0..N-1)");
        }
        if (brokerCount < 1 || brokerCount > MAX_BROKERS) {
            throw new UsageException("--broker-count " + brokerCount + " is out of range 1-" + MAX_BROKERS);
        }
        return brokerCount;
    }

    public Duration grace() {
        if (graceSeconds < 0 || graceSeconds > 86_400) {
            throw new UsageException("--grace-period " + graceSeconds + " is out of range 0-86400 seconds");
        }
        return Duration.ofSeconds(graceSeconds);
    }

    public void validate() {
        brokerCount();
        grace();
    }
}
