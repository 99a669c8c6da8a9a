package io.kafkaaas.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceIdTest {
    @ParameterizedTest
    @ValueSource(strings = {"i-0123456789abcdef0", "i-1a2b3c4d", "i-0001"})
    void acceptsEc2AndEmulatorIds(String id) {
        assertThat(InstanceId.parse(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "i-", "0123456789abcdef0", "i-0123 ", "eni-0123", ""})
    void anythingElseIsNotAnInstanceId(String text) {
        assertThatThrownBy(() -> InstanceId.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessage("'" + text + "' is not an EC2 instance id (i-...)");
    }
}
