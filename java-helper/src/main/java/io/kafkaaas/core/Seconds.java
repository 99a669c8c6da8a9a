package io.kafkaaas.core;

import java.time.Duration;

/** A bounded wait or age in whole seconds, at most a day (--timeout, --grace-period). */
public record Seconds(long value) {
    public static final long MAX = 86_400;

    public Seconds {
        InvalidValueException.inRange(value, 0, MAX, " seconds");
    }

    public static Seconds parse(String text) {
        return new Seconds(InvalidValueException.wholeNumber(text, 0, MAX, " seconds", "a number of seconds"));
    }

    public Duration duration() {
        return Duration.ofSeconds(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
