package io.kafkaaas.testing;

import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.lifecycle.Outcome;
import io.kafkaaas.lifecycle.StackResource;
import io.kafkaaas.lifecycle.StackSignals;

import java.util.ArrayList;
import java.util.List;

/** CloudFormation's SignalResource in memory: a resource either awaits signals or answers "cannot be signaled". */
public final class FakeStackSignals implements StackSignals {
    private final List<String> signals;
    private boolean awaiting = true;
    private KafkaAasException failWith;

    public FakeStackSignals() {
        this(new ArrayList<>());
    }

    /** Records signals into a journal shared with other fakes, to check the order across services. */
    public FakeStackSignals(List<String> journal) {
        this.signals = journal;
    }

    public FakeStackSignals notAwaiting() {
        this.awaiting = false;
        return this;
    }

    public FakeStackSignals failWith(KafkaAasException e) {
        this.failWith = e;
        return this;
    }

    /** Every call, in order, e.g. "SignalResource stack/Brokers i-1 SUCCESS". */
    public List<String> signals() {
        return List.copyOf(signals);
    }

    @Override
    public Receipt signal(StackResource resource, String uniqueId, Outcome outcome) {
        signals.add("SignalResource " + resource + " " + uniqueId + " " + outcome);
        if (failWith != null) {
            throw failWith;
        }
        return awaiting ? Receipt.COUNTED : Receipt.NOT_AWAITING;
    }
}
