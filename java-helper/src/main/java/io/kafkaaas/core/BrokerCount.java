package io.kafkaaas.core;

/** How many broker slots the cluster has: ids 0..N-1, one ENI and one volume each. */
public record BrokerCount(int value) {
    public static final int MAX = 4096;

    public BrokerCount {
        InvalidValueException.inRange(value, 1, MAX, "");
    }

    public static BrokerCount parse(String text) {
        return new BrokerCount((int) InvalidValueException.wholeNumber(text, 1, MAX, "", "a broker count"));
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
