package io.kafkaaas.cli;

import picocli.CommandLine.Option;

import java.net.URI;
import java.util.Optional;

/**
 * Where the Auto Scaling API is: signal and release-id call it about this instance, bootstrap and claim-id about an id's
 * owner before they give up on it (is its group terminating it?).
 */
public final class AutoScalingEndpointOption {
    @Option(names = "--autoscaling-endpoint", paramLabel = "URL", description = "Auto Scaling endpoint override, for emulators.")
    String endpoint;

    public Optional<URI> endpoint() {
        return Endpoints.parse("--autoscaling-endpoint", endpoint);
    }
}
