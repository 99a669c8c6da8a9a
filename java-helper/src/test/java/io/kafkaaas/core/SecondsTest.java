package io.kafkaaas.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecondsTest {
    @ParameterizedTest
    @ValueSource(longs = {0, 300, 86_400})
    void parsesZeroToADay(long seconds) {
        assertThat(Seconds.parse(Long.toString(seconds)).duration()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "86401"})
    void moreThanADayOrNegativeIsOutOfRange(String text) {
        assertThatThrownBy(() -> Seconds.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessage(text + " is out of range 0-86400 seconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5m", "PT5M", "", "1.5"})
    void onlyWholeSecondsAreSeconds(String text) {
        assertThatThrownBy(() -> Seconds.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessage("'" + text + "' is not a number of seconds (a whole number 0-86400)");
    }
}
