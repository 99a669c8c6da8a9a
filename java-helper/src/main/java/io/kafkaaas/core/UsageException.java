package io.kafkaaas.core;

/** Bad input or configuration, detected before anything was changed (exit 2). */
public class UsageException extends KafkaAasException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(ExitCode.USAGE, message);
    }
}
