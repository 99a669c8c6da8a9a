package io.kafkaaas.aws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.retry.backoff.BackoffStrategy;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Makes the SDK's retries visible: one WARN line per retry, naming the service, the operation, what failed, the
 * attempt and the delay before the next one. Without it a throttled or hanging endpoint is a minute of silence
 * before the exit-6 line.
 *
 * <p>The SDK tells a retry strategy neither the service nor the operation. Each client gets its own strategy (so
 * it knows the service), and {@link #operationRecorder()} notes the operation on the calling thread when the call
 * starts: our clients are synchronous, so the retry loop runs on that same thread.
 */
public final class RetryLogging {
    private static final Logger LOG = LoggerFactory.getLogger(RetryLogging.class);
    private static final ThreadLocal<String> OPERATION = new ThreadLocal<>();

    private RetryLogging() {
    }

    /** The strategy of one service's client, logging each retry before the SDK waits for it. */
    public static RetryStrategy logging(String service, RetryStrategy strategy) {
        return new LoggingRetryStrategy(service, strategy);
    }

    /** Registered on the same client as {@link #logging}: remembers which operation is running on this thread. */
    public static ExecutionInterceptor operationRecorder() {
        return new OperationRecorder();
    }

    /**
     * The IMDS client's backoff, logging each retry. Its retry loop hands the backoff only the attempt count, so the
     * failure comes from {@link #recordingFailures}, the HTTP client of the same metadata client. (The metadata
     * client's retry policy takes only the SDK's older, deprecated backoff type.)
     */
    @SuppressWarnings("deprecation")
    public static BackoffStrategy loggingImdsBackoff(URI endpoint, int maxAttempts, FailureRecorder failures,
                                                     BackoffStrategy backoff) {
        return context -> {
            Duration delay = backoff.computeDelayBeforeNextRetry(context);
            int attempt = context.retriesAttempted() + 1;
            if (attempt < maxAttempts) { // the client also pauses after its last attempt; that one is not a retry
                LOG.warn("instance metadata (IMDSv2) at {}: {} on attempt {} of {}; retrying in {}", endpoint,
                        failures.last(), attempt, maxAttempts, seconds(delay));
            }
            return delay;
        };
    }

    /** Wraps an HTTP client so that the last request that failed (an exception, or HTTP 4xx/5xx) can be named. */
    public static FailureRecorder recordingFailures(SdkHttpClient client) {
        return new FailureRecorder(client);
    }

    /** An HTTP client that remembers its last failed request. */
    public static final class FailureRecorder implements SdkHttpClient {
        private final SdkHttpClient delegate;
        private volatile String last = "request failed";

        private FailureRecorder(SdkHttpClient delegate) {
            this.delegate = delegate;
        }

        /** E.g. "PUT /latest/api/token failed (ConnectException: Connection refused)". */
        public String last() {
            return last;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            ExecutableHttpRequest call = delegate.prepareRequest(request);
            String name = request.httpRequest().method() + " " + request.httpRequest().encodedPath();
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    try {
                        HttpExecuteResponse response = call.call();
                        int status = response.httpResponse().statusCode();
                        if (status >= 400) {
                            last = name + " failed (HTTP " + status + ")";
                        }
                        return response;
                    } catch (IOException | RuntimeException e) {
                        last = name + " failed (" + describe(e) + ")";
                        throw e;
                    }
                }

                @Override
                public void abort() {
                    call.abort();
                }
            };
        }

        @Override
        public String clientName() {
            return delegate.clientName();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    static String describe(Throwable failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ", HTTP " + service.statusCode();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = AwsFailures.firstLine(root.getMessage());
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    static String seconds(Duration delay) {
        return String.format(Locale.ROOT, "%.1f s", delay.toMillis() / 1000.0);
    }

    private static final class OperationRecorder implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            OPERATION.set(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            OPERATION.remove();
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            OPERATION.remove();
        }
    }

    /** Our token around the SDK's: it carries the operation and the number of the attempt that is running. */
    private record Token(RetryToken sdkToken, String operation, int attempt) implements RetryToken {
    }

    private record LoggingRetryStrategy(String service, RetryStrategy delegate) implements RetryStrategy {
        @Override
        public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
            AcquireInitialTokenResponse response = delegate.acquireInitialToken(request);
            String operation = OPERATION.get();
            return AcquireInitialTokenResponse.create(
                    new Token(response.token(), operation == null ? "call" : operation, 1), response.delay());
        }

        @Override
        public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
            Token token = (Token) request.token();
            // Throws when no retry is left (or the failure is not retryable): the caller then reports the failure.
            RefreshRetryTokenResponse response = delegate.refreshRetryToken(request.toBuilder().token(token.sdkToken()).build());
            LOG.warn("{} {} failed ({}) on attempt {} of {}; retrying in {}", service, token.operation(),
                    describe(request.failure()), token.attempt(), delegate.maxAttempts(), seconds(response.delay()));
            return RefreshRetryTokenResponse.create(new Token(response.token(), token.operation(), token.attempt() + 1),
                    response.delay());
        }

        @Override
        public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
            delegate.recordSuccess(RecordSuccessRequest.create(((Token) request.token()).sdkToken()));
            return RecordSuccessResponse.create(request.token());
        }

        @Override
        public int maxAttempts() {
            return delegate.maxAttempts();
        }

        @Override
        public Builder<?, ?> toBuilder() {
            return delegate.toBuilder(); // a rebuilt strategy no longer logs; nothing in the SDK rebuilds ours
        }
    }
}
