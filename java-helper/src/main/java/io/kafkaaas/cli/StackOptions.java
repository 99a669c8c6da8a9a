package io.kafkaaas.cli;

import io.kafkaaas.core.UsageException;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/** The CloudFormation resource to signal; discovered from the instance's aws:cloudformation:* tags when left out. */
public final class StackOptions {
    private static final Pattern STACK = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}|arn:aws[a-z-]*:cloudformation:[^\\s]+");
    private static final Pattern LOGICAL_ID = Pattern.compile("[A-Za-z0-9]{1,255}");

    @Option(names = "--stack-name", paramLabel = "NAME",
            description = "Stack name or id. Default: the instance's aws:cloudformation:stack-name tag.")
    String stackName;

    @Option(names = "--logical-resource-id", paramLabel = "ID",
            description = "Logical id of the Auto Scaling group in the stack. Default: the instance's aws:cloudformation:logical-id tag.")
    String logicalResourceId;

    @Option(names = "--cloudformation-endpoint", paramLabel = "URL", description = "CloudFormation endpoint override, for emulators.")
    String endpoint;

    public Optional<String> stackName() {
        if (stackName != null && !STACK.matcher(stackName).matches()) {
            throw new UsageException("--stack-name '" + stackName + "' is not a stack name (a letter, then letters, digits, -) or stack id");
        }
        return Optional.ofNullable(stackName);
    }

    public Optional<String> logicalResourceId() {
        if (logicalResourceId != null && !LOGICAL_ID.matcher(logicalResourceId).matches()) {
            throw new UsageException("--logical-resource-id '" + logicalResourceId + "' is not a logical id (letters and digits)");
        }
        return Optional.ofNullable(logicalResourceId);
    }

    public Optional<URI> endpoint() {
        return Endpoints.parse("--cloudformation-endpoint", endpoint);
    }

    public void validate() {
        stackName();
        logicalResourceId();
        endpoint();
    }
}
