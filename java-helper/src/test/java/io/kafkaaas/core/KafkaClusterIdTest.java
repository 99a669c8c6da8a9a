package io.kafkaaas.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClusterIdTest {
    @ParameterizedTest
    @ValueSource(strings = {"MkU3OEVBNTcwNTJENDM2Qg", "4L6g3nShT-eMCtK--X86sw", "AAAAAAAAAAAAAAAAAAAAAA"})
    void acceptsWhatKafkaStorageRandomUuidPrints(String id) {
        assertThat(KafkaClusterId.parse(id).value()).isEqualTo(id);
    }

    @Test
    void acceptsAnySixteenBytesInUrlSafeBase64() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThat(KafkaClusterId.parse(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    // too short, too long, padded, standard (not URL-safe) base64
    @ValueSource(strings = {"not-a-cluster-id", "MkU3OEVBNTcwNTJENDM2QgA", "MkU3OEVBNTcwNTJENDM2Qg==", "4L6g3nShT+eMCtK//X86sw",
            ""})
    void anythingElseIsNotAClusterId(String text) {
        assertThatThrownBy(() -> KafkaClusterId.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessage("'" + text + "' is not a Kafka cluster id (22 characters of URL-safe base64,"
                        + " as 'kafka-storage random-uuid' prints)");
    }
}
