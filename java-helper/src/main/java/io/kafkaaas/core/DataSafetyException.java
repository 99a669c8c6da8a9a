package io.kafkaaas.core;

/** We refuse to go on because going on could lose or mix up broker data (exit 5). */
public class DataSafetyException extends KafkaAasException {
    private static final long serialVersionUID = 1L;

    public DataSafetyException(String message) {
        super(ExitCode.DATA_SAFETY, message);
    }
}
