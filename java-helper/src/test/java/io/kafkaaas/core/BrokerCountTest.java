package io.kafkaaas.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerCountTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4096})
    void parsesOneToTheLargestCluster(int count) {
        assertThat(BrokerCount.parse(Integer.toString(count)).value()).isEqualTo(count);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "4097"})
    void aCountOutsideOneTo4096IsOutOfRange(String text) {
        assertThatThrownBy(() -> BrokerCount.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessage(text + " is out of range 1-4096");
    }

    @ParameterizedTest
    @ValueSource(strings = {"three", "", "3 brokers"})
    void anythingButAWholeNumberIsNotACount(String text) {
        assertThatThrownBy(() -> BrokerCount.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessage("'" + text + "' is not a broker count (a whole number 1-4096)");
    }

    @Test
    void theLargestBrokerIdIsTheLastSlotOfTheLargestCount() {
        assertThat(BrokerId.MAX).isEqualTo(BrokerCount.MAX - 1);
        assertThatThrownBy(() -> new BrokerCount(0)).hasMessage("0 is out of range 1-4096");
    }
}
