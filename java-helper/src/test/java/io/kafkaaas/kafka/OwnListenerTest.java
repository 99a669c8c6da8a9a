package io.kafkaaas.kafka;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How wait-healthy reaches its own broker, from server.properties alone (rendered ones: ListenerSecurityRenderTest). */
class OwnListenerTest {
    private static Properties server(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    void plaintextIsTheFirstAdvertisedListenerWithNoSettings() {
        OwnListener own = OwnListener.of(server("advertised.listeners", "PLAINTEXT://10.0.1.5:9092"));

        assertThat(own.hostPort()).isEqualTo("10.0.1.5:9092");
        assertThat(own.clientSettings()).containsOnlyKeys("security.protocol").containsEntry("security.protocol", "PLAINTEXT");
    }

    @Test
    void theInterBrokerListenerIsPreferredAndItsListenerScopedStoresWin() {
        OwnListener own = OwnListener.of(server(
                "advertised.listeners", "SASL_SSL://b1.example:9092,INTERNAL://10.0.1.5:9094",
                "inter.broker.listener.name", "INTERNAL",
                "listener.security.protocol.map", "SASL_SSL:SASL_SSL,INTERNAL:SSL",
                "ssl.truststore.location", "/etc/kafka/secrets/truststore.p12",
                "listener.name.internal.ssl.truststore.location", "/etc/kafka/secrets/internal-truststore.p12",
                "ssl.truststore.password", "ts",
                "ssl.keystore.location", "/etc/kafka/secrets/keystore.p12"));

        assertThat(own.name()).isEqualTo("INTERNAL");
        assertThat(own.hostPort()).isEqualTo("10.0.1.5:9094");
        assertThat(own.clientSettings()).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/etc/kafka/secrets/internal-truststore.p12")
                .containsEntry("ssl.truststore.password", "ts")
                .doesNotContainKey("ssl.keystore.location"); // no client certificate is asked for
    }

    @Test
    void mutualTlsPresentsTheBrokersOwnKeystore() {
        OwnListener own = OwnListener.of(server("advertised.listeners", "SSL://10.0.1.5:9092", "ssl.client.auth", "required",
                "ssl.keystore.location", "/k.p12", "ssl.keystore.password", "kp", "ssl.key.password", "kp"));

        assertThat(own.clientSettings()).containsEntry("ssl.keystore.location", "/k.p12").containsEntry("ssl.key.password", "kp");
    }

    @Test
    void scramBetweenBrokersLogsInAsTheBrokersOwnUser() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"broker\" password=\"p\";";
        OwnListener own = OwnListener.of(server("advertised.listeners", "SASL_SSL://10.0.1.5:9092",
                "inter.broker.listener.name", "SASL_SSL", "sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas));

        assertThat(own.clientSettings()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("sasl.jaas.config", jaas);
    }

    @Test
    void aSaslListenerWhoseJaasOnlyVerifiesClientsCannotBeUsedAndSaysSo() {
        assertThatThrownBy(() -> OwnListener.of(server("advertised.listeners", "SASL_SSL://10.0.1.5:9092",
                "sasl.enabled.mechanisms", "SCRAM-SHA-512",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;")))
                .hasMessage("listener SASL_SSL is SASL_SSL but holds no SCRAM-SHA-512 user of the broker's own (its JAAS only verifies clients)");
    }

    @Test
    void aCallerWithItsOwnClientSettingsGetsTheClientListener() {
        assertThat(OwnListener.firstAdvertised(server("advertised.listeners", "SSL://10.0.1.5:9092,INTERNAL://10.0.1.5:9094",
                "inter.broker.listener.name", "INTERNAL"))).isEqualTo("10.0.1.5:9092");
    }

    @Test
    void noListenerWithAHostIsRefused() {
        assertThatThrownBy(() -> OwnListener.of(server("listeners", "PLAINTEXT://:9092")))
                .hasMessage("it has no advertised listener with a host");
    }
}
