package io.kafkaaas.aws;

import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Set;

/** Maps what is left of an AWS failure after the SDK's bounded retries onto the CLI's exit codes. */
public final class AwsFailures {
    private static final Set<String> PERMISSION_CODES =
            Set.of("UnauthorizedOperation", "AccessDenied", "AccessDeniedException", "AuthFailure");

    /** EC2's answers to an attach of a resource someone else holds (or that is between states). */
    private static final Set<String> BUSY_CODES = Set.of("VolumeInUse", "IncorrectState", "InvalidNetworkInterface.InUse");

    private AwsFailures() {
    }

    /** The attach was refused because the resource is in use: the caller should wait and look again. */
    public static boolean isBusy(SdkException e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && BUSY_CODES.contains(service.awsErrorDetails().errorCode());
    }

    public static String errorSummary(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": " + firstLine(service.awsErrorDetails().errorMessage());
        }
        return firstLine(e.getMessage());
    }

    public static KafkaAasException translate(String action, String endpoint, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "?" : service.awsErrorDetails().errorCode();
            if (PERMISSION_CODES.contains(code)) {
                return new KafkaAasException(ExitCode.USAGE, action + " was refused by " + endpoint + " (" + code
                        + "); grant the instance role the actions of the IAM policy in docs/iam.md", e);
            }
            if (service.isThrottlingException() || service.statusCode() >= 500) {
                return new DependencyUnreachableException(action + " kept failing at " + endpoint + " (" + code + ", HTTP "
                        + service.statusCode() + ") after retries; try again later", e);
            }
            return new KafkaAasException(ExitCode.INTERNAL, action + " was rejected by " + endpoint + " (" + code + "): "
                    + firstLine(service.awsErrorDetails() == null ? e.getMessage() : service.awsErrorDetails().errorMessage()), e);
        }
        if (e instanceof SdkClientException && e.getMessage() != null && e.getMessage().contains("credentials")) {
            return new DependencyUnreachableException(action + " has no AWS credentials: " + firstLine(e.getMessage())
                    + "; attach an instance profile, or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY off EC2", e);
        }
        return new DependencyUnreachableException(action + " could not reach " + endpoint + " after retries: "
                + firstLine(e.getMessage()) + "; check --region/--ec2-endpoint and the network", e);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
