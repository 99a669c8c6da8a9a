package io.kafkaaas.core;

/** One broker slot of the cluster: the suffix of its ENI's and volume's Name tags, and Kafka's broker.id/node.id. */
public record BrokerId(int value) {
    public static final int MAX = BrokerCount.MAX - 1;

    public BrokerId {
        InvalidValueException.inRange(value, 0, MAX, "");
    }

    public static BrokerId parse(String text) {
        return new BrokerId((int) InvalidValueException.wholeNumber(text, 0, MAX, "", "a broker id"));
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
