package io.kafkaaas.core;

/** ZooKeeper, EC2 or IMDS could not be reached after bounded retries (exit 6). */
public class DependencyUnreachableException extends KafkaAasException {
    private static final long serialVersionUID = 1L;

    public DependencyUnreachableException(String message, Throwable cause) {
        super(ExitCode.UNREACHABLE, message, cause);
    }

    public DependencyUnreachableException(String message) {
        super(ExitCode.UNREACHABLE, message);
    }
}
