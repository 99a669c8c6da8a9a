package io.kafkaaas.cli;

import io.kafkaaas.aws.AwsSettings;
import io.kafkaaas.core.AvailabilityZone;
import io.kafkaaas.core.BrokerTags;
import io.kafkaaas.core.InstanceId;
import io.kafkaaas.core.TagPrefix;
import io.kafkaaas.core.UsageException;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.regex.Pattern;

/** Where AWS is and who we are; the endpoints are for emulators (moto, the local cloud). */
public final class AwsOptions {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+");

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region. Default: the SDK's region chain (AWS_REGION, profile, then instance metadata).")
    String region;

    @Option(names = "--ec2-endpoint", paramLabel = "URL", description = "EC2 endpoint override, e.g. http://127.0.0.1:5000 for moto.")
    String ec2Endpoint;

    @Option(names = "--imds-endpoint", paramLabel = "URL", description = "Instance metadata endpoint. Default: http://169.254.169.254.")
    String imdsEndpoint;

    @Option(names = "--instance-id", paramLabel = "ID", description = "This instance's id. Default: from IMDSv2.")
    InstanceId instanceId;

    @Option(names = "--availability-zone", paramLabel = "AZ", description = "This instance's Availability Zone. Default: from IMDSv2.")
    AvailabilityZone availabilityZone;

    @Option(names = "--tag-prefix", paramLabel = "PREFIX", defaultValue = BrokerTags.DEFAULT_PREFIX,
            description = "Name-tag prefix of the brokers' ENIs and volumes. Default: ${DEFAULT-VALUE}.")
    TagPrefix tagPrefix = TagPrefix.DEFAULT;

    @Option(names = "--aws-max-attempts", paramLabel = "N", defaultValue = "8",
            description = "Attempts per AWS call (standard retry strategy: throttling, 5xx, network). Default: ${DEFAULT-VALUE}.")
    int maxAttempts = AwsSettings.DEFAULT_MAX_ATTEMPTS;

    /** Validates everything before any call is made, so bad input changes nothing. */
    public AwsSettings settings() {
        if (region != null && !REGION.matcher(region).matches()) {
            throw new UsageException("--region '" + region + "' is not an AWS region (e.g. us-east-1)");
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new UsageException("--aws-max-attempts " + maxAttempts + " is out of range 1-20");
        }
        return new AwsSettings(Optional.ofNullable(region), Endpoints.parse("--ec2-endpoint", ec2Endpoint),
                Endpoints.parse("--imds-endpoint", imdsEndpoint), maxAttempts, AwsSettings.DEFAULT_API_CALL_TIMEOUT);
    }

    public Optional<String> instanceId() {
        return Optional.ofNullable(instanceId).map(InstanceId::value);
    }

    public Optional<String> availabilityZone() {
        return Optional.ofNullable(availabilityZone).map(AvailabilityZone::name);
    }

    public String tagPrefix() {
        return tagPrefix.value();
    }
}
