package io.kafkaaas.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerIdTest {
    @ParameterizedTest
    @CsvSource({"0,0", "7,7", "4095,4095", "' 12 ',12"})
    void parsesEverySlotOfTheLargestCluster(String text, int id) {
        assertThat(BrokerId.parse(text).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "4096", "2147483648", "999999999999999999"})
    void anIdOutsideTheSlotsIsOutOfRange(String text) {
        assertThatThrownBy(() -> BrokerId.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessage(Long.parseLong(text) + " is out of range 0-4095");
    }

    @ParameterizedTest
    @ValueSource(strings = {"two", "", "1.5", "0x10", "1e3", "9999999999999999999"})
    void anythingButAWholeNumberIsNotABrokerId(String text) {
        assertThatThrownBy(() -> BrokerId.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessage("'" + text + "' is not a broker id (a whole number 0-4095)");
    }
}
