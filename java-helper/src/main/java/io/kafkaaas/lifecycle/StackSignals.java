package io.kafkaaas.lifecycle;

/** Port: CloudFormation's SignalResource. */
public interface StackSignals {
    /** What CloudFormation did with a signal. */
    enum Receipt {
        /** The resource was waiting (CreationPolicy or an update) and counted the signal. */
        COUNTED,
        /** The stack is not creating or updating the resource (e.g. a later replacement instance): nothing to tell. */
        NOT_AWAITING
    }

    Receipt signal(StackResource resource, String uniqueId, Outcome outcome);
}
