package io.kafkaaas.cli;

import io.kafkaaas.core.UsageException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which Auto Scaling group and lifecycle hook; both are discovered when left out. */
public final class AutoScalingOptions {
    private static final Pattern GROUP = Pattern.compile("[^:\\p{Cntrl}]{1,255}");
    private static final Pattern HOOK = Pattern.compile("[A-Za-z0-9_/-]{1,255}");

    @Option(names = "--auto-scaling-group", paramLabel = "NAME",
            description = "This instance's Auto Scaling group; checked against DescribeAutoScalingInstances. Default: discovered.")
    String group;

    @Option(names = "--lifecycle-hook", paramLabel = "NAME",
            description = "The lifecycle hook to complete. Default: the group's only hook for the transition (launching for"
                    + " signal, terminating for release-id).")
    String hook;

    @Mixin
    AutoScalingEndpointOption endpoint = new AutoScalingEndpointOption();

    public Optional<String> group() {
        if (group != null && !GROUP.matcher(group).matches()) {
            throw new UsageException("--auto-scaling-group '" + group + "' is not an Auto Scaling group name (1-255 characters, no ':')");
        }
        return Optional.ofNullable(group);
    }

    public Optional<String> hook() {
        if (hook != null && !HOOK.matcher(hook).matches()) {
            throw new UsageException("--lifecycle-hook '" + hook + "' is not a lifecycle hook name (1-255 of A-Z a-z 0-9 _ - /)");
        }
        return Optional.ofNullable(hook);
    }

    public Optional<URI> endpoint() {
        return endpoint.endpoint();
    }

    public void validate() {
        group();
        hook();
        endpoint();
    }
}
