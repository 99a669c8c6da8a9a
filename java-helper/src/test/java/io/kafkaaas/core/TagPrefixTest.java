package io.kafkaaas.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagPrefixTest {
    @ParameterizedTest
    @ValueSource(strings = {"KAFKA-", "prod kafka/", "a:b=c+d@e.f_g"})
    void acceptsWhatAnEc2NameTagMayHold(String prefix) {
        assertThat(TagPrefix.parse(prefix).value()).isEqualTo(prefix);
    }

    @Test
    void theDefaultIsKafkaDash() {
        assertThat(TagPrefix.DEFAULT.value()).isEqualTo(BrokerTags.DEFAULT_PREFIX).isEqualTo("KAFKA-");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "KAFKA*", "tab\there", "é-"})
    void rejectsWhatCannotBeFilteredOnSafely(String text) {
        assertThatThrownBy(() -> TagPrefix.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessage("'" + text + "' is not a usable Name-tag prefix (1-100 of A-Z a-z 0-9 space ._:/=+@-)");
    }

    @Test
    void rejectsMoreThanAHundredCharacters() {
        assertThatThrownBy(() -> TagPrefix.parse("K".repeat(101))).isInstanceOf(InvalidValueException.class);
    }
}
