package io.kafkaaas.core;

import java.util.Objects;

/** One look at a resource we wait for: either it is ready (with what we waited for), or it is still in a named state. */
public sealed interface WaitStep<T> {
    record Ready<T>(T value) implements WaitStep<T> {
    }

    /** state is a short phrase that completes "X is still ...", e.g. "attached to i-0cd (shutting-down)". */
    record Pending<T>(String state) implements WaitStep<T> {
        public Pending {
            Objects.requireNonNull(state, "state");
        }
    }

    static <T> WaitStep<T> ready(T value) {
        return new Ready<>(value);
    }

    static <T> WaitStep<T> pending(String state) {
        return new Pending<>(state);
    }
}
