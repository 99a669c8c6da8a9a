package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.secret.SecretFile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The "security" part of the template model: listener names, the protocol map, and the ssl.* and SASL settings with
 * the passwords fetch-secrets wrote. Values are escaped for .properties here; the JAAS line is built here, so the
 * template never puts a password together with quotes itself.
 */
final class SecurityModel {
    static final String SCRAM = "SCRAM-SHA-512";
    private static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule required";

    private SecurityModel() {
    }

    /** The password files this request needs, by their path under the secrets directory. */
    static List<String> passwordFiles(RenderRequest request) {
        ListenerSecurity s = request.security();
        List<String> paths = new ArrayList<>();
        if (s.tls(request.kafka().mode() == KafkaMode.kraft)) {
            paths.add(s.path(SecretFile.KEYSTORE_PASSWORD));
            paths.add(s.path(SecretFile.TRUSTSTORE_PASSWORD));
        }
        if (s.scram()) {
            paths.add(s.path(SecretFile.SCRAM_PASSWORD));
        }
        return paths;
    }

    static Map<String, Object> of(RenderRequest request, Map<String, String> passwords, UnaryOperator<String> locate) {
        ListenerSecurity s = request.security();
        boolean kraft = request.kafka().mode() == KafkaMode.kraft;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interBrokerListenerName", s.interBrokerListenerName());
        s.interBroker().ifPresent(i -> m.put("internal", Map.of("name", ListenerSecurity.INTERNAL, "port", i.port())));
        List<String> map = new ArrayList<>();
        map.add(s.client().name() + ":" + s.client().name());
        s.interBroker().ifPresent(i -> map.add(ListenerSecurity.INTERNAL + ":" + i.protocol().name()));
        if (kraft) {
            map.add(BrokerModel.LISTENER_CONTROLLER + ":" + s.controller().name());
        }
        m.put("protocolMap", String.join(",", map));
        m.put("tls", s.tls(kraft));
        if (s.tls(kraft)) {
            m.put("keystore", PropertiesText.escapeValue(locate.apply(s.keystore())));
            m.put("truststore", PropertiesText.escapeValue(locate.apply(s.truststore())));
            m.put("keystorePassword", PropertiesText.escapeValue(passwords.get(s.path(SecretFile.KEYSTORE_PASSWORD))));
            m.put("truststorePassword", PropertiesText.escapeValue(passwords.get(s.path(SecretFile.TRUSTSTORE_PASSWORD))));
            m.put("clientAuth", s.clientAuth().name());
        }
        m.put("sasl", s.anySasl());
        m.put("scramInterBroker", s.scram());
        m.put("mechanism", SCRAM);
        List<Map<String, Object>> jaas = new ArrayList<>();
        if (s.client().sasl()) {
            jaas.add(jaas(s.client().name(), s.interBrokerListenerName().equals(s.client().name()), s, passwords));
        }
        s.interBroker().filter(i -> i.protocol().sasl()).ifPresent(i -> jaas.add(jaas(ListenerSecurity.INTERNAL, true, s, passwords)));
        m.put("jaas", jaas);
        return m;
    }

    /**
     * One SASL listener's JAAS entry. The listener that brokers use between themselves carries the brokers' own SCRAM
     * user (a broker is a client of the others there); any other SASL listener only verifies clients.
     */
    private static Map<String, Object> jaas(String listener, boolean interBroker, ListenerSecurity s, Map<String, String> passwords) {
        String value = SCRAM_MODULE;
        if (interBroker) {
            String file = s.path(SecretFile.SCRAM_PASSWORD);
            String password = passwords.get(file);
            if (password.contains("\"") || password.contains("\\")) {
                throw new UsageException(file + " holds a quote or a backslash, which a JAAS entry cannot carry;"
                        + " choose a SCRAM password without them");
            }
            value += " username=\"" + s.scramUser() + "\" password=\"" + password + "\"";
        }
        value += ";";
        return Map.of("key", "listener.name." + listener.toLowerCase(java.util.Locale.ROOT) + "." + SCRAM.toLowerCase(java.util.Locale.ROOT)
                + ".sasl.jaas.config", "value", PropertiesText.escapeValue(value));
    }
}
