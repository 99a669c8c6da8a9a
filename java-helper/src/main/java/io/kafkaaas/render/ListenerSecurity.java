package io.kafkaaas.render;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.secret.SecretFile;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How each listener is secured: the client listener (named after its protocol, as before), an optional separate
 * inter-broker listener (INTERNAL, on its own port), and the KRaft controller listener. TLS uses the broker's
 * PKCS12 keystore and the cluster's truststore; SASL is SCRAM-SHA-512. The stores and passwords are files in the
 * secrets directory, written by fetch-secrets; render copies the passwords into server.properties (mode 0640).
 */
public record ListenerSecurity(SecurityProtocol client, Optional<InterBroker> interBroker, SecurityProtocol controller,
                               ClientAuth clientAuth, String secretsDir, String scramUser) {
    public static final String INTERNAL = "INTERNAL";
    public static final String DEFAULT_SECRETS_DIR = "/etc/kafka/secrets";
    public static final String DEFAULT_SCRAM_USER = "kafka-broker";
    private static final Pattern SCRAM_USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Kafka's ssl.client.auth: mTLS when required. */
    public enum ClientAuth { none, requested, required }

    /** A listener only brokers use, on its own port and with its own protocol. */
    public record InterBroker(SecurityProtocol protocol, int port) {
    }

    /** Everything in plain text, as before this option existed. */
    public static ListenerSecurity plaintext(String protocol) {
        SecurityProtocol client = SecurityProtocol.parse("--security-protocol", protocol);
        return new ListenerSecurity(client, Optional.empty(), defaultController(client), ClientAuth.none,
                DEFAULT_SECRETS_DIR, DEFAULT_SCRAM_USER);
    }

    /** The controller listener gets the client listener's TLS but never SASL: SCRAM users live in the metadata the controllers serve. */
    public static SecurityProtocol defaultController(SecurityProtocol client) {
        return client.tls() ? SecurityProtocol.SSL : SecurityProtocol.PLAINTEXT;
    }

    public ListenerSecurity {
        if (controller.sasl()) {
            throw new UsageException("--controller-security " + controller + " is impossible: KRaft keeps SCRAM credentials in the"
                    + " metadata log the controllers serve, so controllers cannot authenticate with them; use SSL or PLAINTEXT");
        }
        if (clientAuth != ClientAuth.none && !anyTls(client, interBroker, controller)) {
            throw new UsageException("--ssl-client-auth " + clientAuth + " needs a TLS listener; set --security-protocol SSL"
                    + " or SASL_SSL (or --inter-broker-security SSL)");
        }
        if (!secretsDir.startsWith("/")) {
            throw new UsageException("--secrets-dir '" + secretsDir + "' must be an absolute path");
        }
        if (!SCRAM_USER.matcher(scramUser).matches()) {
            throw new UsageException("--scram-username '" + scramUser + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        interBroker.ifPresent(i -> {
            if (i.port() < 1 || i.port() > 65535) {
                throw new UsageException("--inter-broker-port " + i.port() + " is out of range 1-65535");
            }
        });
    }

    private static boolean anyTls(SecurityProtocol client, Optional<InterBroker> interBroker, SecurityProtocol controller) {
        return client.tls() || controller.tls() || interBroker.map(i -> i.protocol().tls()).orElse(false);
    }

    /** The protocol brokers talk to each other with. */
    public SecurityProtocol interBrokerProtocol() {
        return interBroker.map(InterBroker::protocol).orElse(client);
    }

    public String interBrokerListenerName() {
        return interBroker.isPresent() ? INTERNAL : client.name();
    }

    /** Whether any listener of this node uses TLS, so the node needs its keystore and the truststore. */
    public boolean tls(boolean kraft) {
        return anyTls(client, interBroker, kraft ? controller : SecurityProtocol.PLAINTEXT);
    }

    /** Whether the broker authenticates itself with SCRAM to other brokers, so it needs its SCRAM password. */
    public boolean scram() {
        return interBrokerProtocol().sasl();
    }

    public boolean anySasl() {
        return client.sasl() || interBrokerProtocol().sasl();
    }

    public String path(String fileName) {
        return secretsDir.replaceFirst("/+$", "") + "/" + fileName;
    }

    public String keystore() {
        return path(SecretFile.KEYSTORE);
    }

    public String truststore() {
        return path(SecretFile.TRUSTSTORE);
    }
}
