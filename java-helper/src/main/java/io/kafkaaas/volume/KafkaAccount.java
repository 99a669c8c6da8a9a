package io.kafkaaas.volume;

import io.kafkaaas.core.UsageException;

import java.util.regex.Pattern;

/** The user and group the Kafka service runs as (Confluent's packages: cp-kafka and confluent). */
public record KafkaAccount(String user, String group) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}\\$?");
    public static final KafkaAccount CONFLUENT = new KafkaAccount("cp-kafka", "confluent");

    public KafkaAccount {
        if (user == null || !NAME.matcher(user).matches()) {
            throw new UsageException("--kafka-user '" + user + "' is not a user name");
        }
        if (group == null || !NAME.matcher(group).matches()) {
            throw new UsageException("--kafka-group '" + group + "' is not a group name");
        }
    }

    @Override
    public String toString() {
        return user + ":" + group;
    }
}
