package io.kafkaaas.claim;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;

/** Rule 5: no eligible id is free or can be taken over (exit 3). The message lists every slot. */
public class NoFreeBrokerIdException extends KafkaAasException {
    private static final long serialVersionUID = 1L;

    public NoFreeBrokerIdException(String message) {
        super(ExitCode.NO_FREE_ID, message);
    }
}
