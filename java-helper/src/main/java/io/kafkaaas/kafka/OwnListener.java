package io.kafkaaas.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How the helper on a broker's own instance reaches that broker: on the listener the brokers use among themselves
 * (inter.broker.listener.name, else the first advertised one), presenting what the broker presents to its peers there
 * (its truststore, its keystore when clients must show a certificate, its own SCRAM user). Everything comes from the
 * broker's rendered server.properties, so a TLS or SCRAM cluster needs no second copy of its secrets for the helper.
 */
public record OwnListener(String name, String protocol, String hostPort, Properties clientSettings) {
    private static final List<String> TRUST = List.of("ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type",
            "ssl.endpoint.identification.algorithm");
    private static final List<String> IDENTITY = List.of("ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type",
            "ssl.key.password");

    /** @throws IllegalArgumentException naming what server.properties lacks */
    public static OwnListener of(Properties server) {
        Map<String, String> advertised = advertised(server);
        String interBroker = server.getProperty("inter.broker.listener.name", "").trim();
        String name = advertised.containsKey(interBroker) ? interBroker : advertised.keySet().iterator().next();
        String protocol = protocolMap(server.getProperty("listener.security.protocol.map", "")).getOrDefault(name, name);
        Properties client = new Properties();
        client.setProperty("security.protocol", protocol);
        String prefix = "listener.name." + name.toLowerCase(Locale.ROOT) + ".";
        if (protocol.endsWith("SSL")) {
            TRUST.forEach(key -> setting(server, prefix, key).ifPresent(v -> client.setProperty(key, v)));
            if ("required".equals(setting(server, prefix, "ssl.client.auth").orElse("none"))) {
                IDENTITY.forEach(key -> setting(server, prefix, key).ifPresent(v -> client.setProperty(key, v)));
            }
        }
        if (protocol.startsWith("SASL_")) {
            String mechanism = server.getProperty("sasl.mechanism.inter.broker.protocol",
                    server.getProperty("sasl.enabled.mechanisms", "GSSAPI").split(",")[0]).trim();
            String jaas = server.getProperty(prefix + mechanism.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                    server.getProperty("sasl.jaas.config", ""));
            if (!jaas.contains("username=")) {
                throw new IllegalArgumentException("listener " + name + " is " + protocol + " but holds no " + mechanism
                        + " user of the broker's own (its JAAS only verifies clients)");
            }
            client.setProperty("sasl.mechanism", mechanism);
            client.setProperty("sasl.jaas.config", jaas);
        }
        return new OwnListener(name, protocol, advertised.get(name), client);
    }

    /** The first advertised listener (the client one): where a caller with its own client settings connects. */
    public static String firstAdvertised(Properties server) {
        Map<String, String> advertised = advertised(server);
        return advertised.values().iterator().next();
    }

    /** Advertised listeners (else listeners) by name, in their order; only those with a host. */
    private static Map<String, String> advertised(Properties server) {
        Map<String, String> advertised = listeners(server.getProperty("advertised.listeners", server.getProperty("listeners", "")));
        if (advertised.isEmpty()) {
            throw new IllegalArgumentException("it has no advertised listener with a host");
        }
        return advertised;
    }

    private static Optional<String> setting(Properties server, String listenerPrefix, String key) {
        return Optional.ofNullable(server.getProperty(listenerPrefix + key, server.getProperty(key))).map(String::trim);
    }

    private static Map<String, String> listeners(String value) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            int scheme = entry.indexOf("://");
            if (scheme > 0) {
                String hostPort = entry.substring(scheme + 3).trim();
                if (!hostPort.isEmpty() && !hostPort.startsWith(":")) {
                    byName.putIfAbsent(entry.substring(0, scheme).trim(), hostPort);
                }
            }
        }
        return byName;
    }

    private static Map<String, String> protocolMap(String value) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            String[] pair = entry.trim().split(":", 2);
            if (pair.length == 2) {
                map.put(pair[0].trim(), pair[1].trim());
            }
        }
        return map;
    }
}
