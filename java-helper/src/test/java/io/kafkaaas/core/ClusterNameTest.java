package io.kafkaaas.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"prod", "C", "kafka_3.prod-eu", "-x"})
    void acceptsOneZooKeeperPathSegment(String name) {
        assertThat(ClusterName.parse(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", ".", "..", ".hidden", "a/b", "two words", ""})
    void rejectsAnythingThatIsNotOneSafeSegment(String text) {
        assertThatThrownBy(() -> ClusterName.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessage("'" + text + "' must be 1-100 of A-Z a-z 0-9 . _ - (not starting with .)");
    }

    @Test
    void acceptsAHundredCharactersButNoMore() {
        assertThat(ClusterName.parse("a".repeat(100)).value()).hasSize(100);
        assertThatThrownBy(() -> ClusterName.parse("a".repeat(101))).isInstanceOf(InvalidValueException.class);
    }
}
