package io.kafkaaas.core;

import java.util.function.Supplier;

/**
 * A value that is not what its type allows. The message says what is wrong with the value alone ("4096 is out
 * of range 0-4095"); whoever knows where it came from puts the option's name in front (exit 2).
 */
public final class InvalidValueException extends UsageException {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String problem) {
        super(problem);
    }

    /** Builds a value that came from {@code option}, naming the option when the value is invalid. */
    public static <T> T named(String option, Supplier<T> value) {
        try {
            return value.get();
        } catch (InvalidValueException e) {
            throw new UsageException(option + " " + e.getMessage());
        }
    }

    /** A whole number in {@code min..max}, else one of the two messages every numeric value type shares. */
    static long wholeNumber(String text, long min, long max, String unit, String what) {
        if (text == null || !text.strip().matches("-?[0-9]{1,18}")) {
            throw new InvalidValueException("'" + text + "' is not " + what + " (a whole number " + min + "-" + max + ")");
        }
        return inRange(Long.parseLong(text.strip()), min, max, unit);
    }

    static long inRange(long value, long min, long max, String unit) {
        if (value < min || value > max) {
            throw new InvalidValueException(value + " is out of range " + min + "-" + max + unit);
        }
        return value;
    }
}
