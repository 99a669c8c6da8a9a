package io.kafkaaas.core;

/**
 * A failure the operator can act on. The message is one line that names the resource and the fix;
 * the exit code tells automation (Chef, the ASG signal) what kind of failure it was.
 */
public class KafkaAasException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public KafkaAasException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public KafkaAasException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
