package io.kafkaaas.core;

/**
 * EC2 refused an attach because the resource is (still, or again) in use. Domain services catch it and go back
 * to waiting; it only escapes when the wait is over, which is why it carries the timeout exit code.
 */
public class ResourceBusyException extends KafkaAasException {
    private static final long serialVersionUID = 1L;

    public ResourceBusyException(String message, Throwable cause) {
        super(ExitCode.TIMEOUT, message, cause);
    }
}
