package io.kafkaaas.core;

/** An AWS resource stayed busy for longer than the caller allowed (exit 4). */
public class WaitTimeoutException extends KafkaAasException {
    private static final long serialVersionUID = 1L;

    public WaitTimeoutException(String message) {
        super(ExitCode.TIMEOUT, message);
    }
}
