package io.kafkaaas.aws;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.lifecycle.Outcome;
import io.kafkaaas.lifecycle.StackResource;
import io.kafkaaas.lifecycle.StackSignals;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ResourceSignalStatus;

import java.util.Locale;

/**
 * SignalResource with the instance id as the unique id, as CloudFormation asks for instances of an ASG.
 * A stack that is no longer creating or updating answers "... cannot be signaled": for a replacement
 * instance launched later that is the normal case, not an error.
 */
public final class CfnStackSignals implements StackSignals {
    private final CloudFormationClient client;
    private final String endpoint;

    public CfnStackSignals(CloudFormationClient client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    @Override
    public Receipt signal(StackResource resource, String uniqueId, Outcome outcome) {
        String action = "SignalResource " + outcome + " (" + resource + ")";
        try {
            client.signalResource(r -> r.stackName(resource.stackName()).logicalResourceId(resource.logicalResourceId())
                    .uniqueId(uniqueId).status(outcome == Outcome.SUCCESS ? ResourceSignalStatus.SUCCESS : ResourceSignalStatus.FAILURE));
            return Receipt.COUNTED;
        } catch (AwsServiceException e) {
            String message = message(e);
            if (isValidation(e) && message.toLowerCase(Locale.ROOT).contains("cannot be signaled")) {
                return Receipt.NOT_AWAITING;
            }
            if (isValidation(e) && message.toLowerCase(Locale.ROOT).contains("does not exist")) {
                throw new KafkaAasException(ExitCode.USAGE, action + " was rejected by " + endpoint + ": "
                        + AwsFailures.firstLine(message(e)) + "; check --stack-name/--logical-resource-id (or the instance's"
                        + " aws:cloudformation tags)", e);
            }
            throw AwsFailures.translate(action, endpoint, e);
        } catch (SdkException e) {
            throw AwsFailures.translate(action, endpoint, e);
        }
    }

    private static boolean isValidation(AwsServiceException e) {
        return e.awsErrorDetails() != null && "ValidationError".equals(e.awsErrorDetails().errorCode());
    }

    private static String message(AwsServiceException e) {
        String m = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return m == null ? "" : m;
    }
}
