package io.kafkaaas.aws;

import io.kafkaaas.secret.SecretDeniedException;
import io.kafkaaas.secret.SecretMissingException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Set;

/**
 * Maps a failed read of a secret onto the port's contract. Only the error code is kept: the SDK's exception is not
 * chained, so not even --verbose prints a response that might echo part of a value.
 */
final class SecretFailures {
    /** Not there: SSM's and Secrets Manager's codes. */
    private static final Set<String> MISSING = Set.of("ParameterNotFound", "ResourceNotFoundException");

    /** There, but not for us: IAM, or the KMS key it is encrypted with (wrong key, key disabled, no kms:Decrypt). */
    private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied", "UnauthorizedOperation",
            "DecryptionFailure", "InvalidKeyId", "KMSAccessDeniedException", "KMSDisabledException",
            "KMSInvalidStateException", "KMSNotFoundException", "KMSKeyNotAccessibleException", "InvalidKeyUsageException");

    private SecretFailures() {
    }

    static RuntimeException translate(String where, String endpoint, SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            if (MISSING.contains(code)) {
                return new SecretMissingException(where);
            }
            if (DENIED.contains(code) || service.statusCode() == 403) {
                return new SecretDeniedException(where, code);
            }
        }
        return AwsFailures.translate("reading " + where, endpoint, e);
    }
}
