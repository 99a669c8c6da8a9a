package io.kafkaaas.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvailabilityZoneTest {
    @ParameterizedTest
    @ValueSource(strings = {"us-east-1a", "eu-central-1c", "ap-southeast-2b", "us-gov-west-1a", "il-central-1a",
            "us-west-2-lax-1a", "us-east-1-wl1-bos-wlz-1"})
    void acceptsZonesLocalZonesAndWavelengthZones(String zone) {
        assertThat(AvailabilityZone.parse(zone).name()).isEqualTo(zone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-west-2", "us-east", "use1-az1", "US-EAST-1A", "us-east-1a ", "", "a"})
    void aRegionOrAnythingElseIsNotAZone(String text) {
        assertThatThrownBy(() -> AvailabilityZone.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessage("'" + text + "' is not an Availability Zone (e.g. us-east-1a)");
    }
}
