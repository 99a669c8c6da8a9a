package io.kafkaaas.cli;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.eni.EniAttachRequest;
import io.kafkaaas.eni.EniSettings;
import picocli.CommandLine.Option;

import java.time.Duration;

/** How to attach the broker's ENI; shared by attach-eni and bootstrap. */
public final class EniOptions {
    @Option(names = "--device-index", paramLabel = "N", defaultValue = "1",
            description = "Device index to attach the ENI at (0 is the primary interface). Default: ${DEFAULT-VALUE}.")
    int deviceIndex = EniAttachRequest.DEFAULT_DEVICE_INDEX;

    @Option(names = "--interface-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the kernel interface with the ENI's MAC; then \"interface\": null and a"
                    + " warning, not a failure. Default: ${DEFAULT-VALUE}.")
    long interfaceTimeoutSeconds = 60;

    public void validate() {
        if (deviceIndex < 1 || deviceIndex > 31) {
            throw new UsageException("--device-index " + deviceIndex + " is out of range 1-31 (0 is the primary interface)");
        }
        if (interfaceTimeoutSeconds < 0 || interfaceTimeoutSeconds > 3600) {
            throw new UsageException("--interface-timeout " + interfaceTimeoutSeconds + " is out of range 0-3600 seconds");
        }
    }

    public EniSettings settings() {
        validate();
        return new EniSettings(deviceIndex, Duration.ofSeconds(interfaceTimeoutSeconds));
    }
}
