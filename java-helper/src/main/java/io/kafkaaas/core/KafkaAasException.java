package io.kafkaaas.core;

import java.util.Map;

/**
 * A failure the operator can act on. The message is one line that names the resource and the fix;
 * the exit code tells automation (Chef, the ASG signal) what kind of failure it was. Details, when there are
 * any, are facts automation may want beside the message (which steps finished, say); in json mode they join
 * the error object.
 */
public class KafkaAasException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;
    private final transient Map<String, Object> details;

    public KafkaAasException(ExitCode exitCode, String message) {
        this(exitCode, message, null, Map.of());
    }

    public KafkaAasException(ExitCode exitCode, String message, Throwable cause) {
        this(exitCode, message, cause, Map.of());
    }

    /** @param details plain values, lists and maps (in insertion order), keyed like the CLI's JSON */
    public KafkaAasException(ExitCode exitCode, String message, Throwable cause, Map<String, Object> details) {
        super(message, cause);
        this.exitCode = exitCode;
        this.details = details;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public Map<String, Object> details() {
        return details;
    }
}
