package io.kafkaaas.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerTagsTest {
    @Test
    void readsCanonicalIdsOnly() {
        assertThat(BrokerTags.brokerIdOf("KAFKA-0", "KAFKA-")).hasValue(0);
        assertThat(BrokerTags.brokerIdOf("KAFKA-15", "KAFKA-")).hasValue(15);
        assertThat(BrokerTags.brokerIdOf("KAFKA-01", "KAFKA-")).isEmpty();
        assertThat(BrokerTags.brokerIdOf("KAFKA--1", "KAFKA-")).isEmpty();
        assertThat(BrokerTags.brokerIdOf("KAFKA-1a", "KAFKA-")).isEmpty();
        assertThat(BrokerTags.brokerIdOf("KAFKA-", "KAFKA-")).isEmpty();
        assertThat(BrokerTags.brokerIdOf("OTHER-1", "KAFKA-")).isEmpty();
        assertThat(BrokerTags.brokerIdOf(null, "KAFKA-")).isEmpty();
        assertThat(BrokerTags.nameFor("prod-kafka-", 7)).isEqualTo("prod-kafka-7");
    }

    @Test
    void aRetiredNameIsNoBrokersNameAndSaysWhichIdItRetired() {
        assertThat(BrokerTags.retiredNameFor("KAFKA-", 3)).isEqualTo("KAFKA-3-retired");
        assertThat(BrokerTags.brokerIdOf("KAFKA-3-retired", "KAFKA-")).as("claimers never see it").isEmpty();
        assertThat(BrokerTags.retiredIdOf("KAFKA-3-retired", "KAFKA-")).hasValue(3);
        assertThat(BrokerTags.retiredIdOf("KAFKA-3", "KAFKA-")).isEmpty();
        assertThat(BrokerTags.retiredIdOf("KAFKA-03-retired", "KAFKA-")).isEmpty();
        assertThat(BrokerTags.retiredIdOf("OTHER-3-retired", "KAFKA-")).isEmpty();
        assertThat(BrokerTags.retiredIdOf(null, "KAFKA-")).isEmpty();
    }
}
