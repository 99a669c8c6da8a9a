package io.kafkaaas.secret;

import java.util.List;

/**
 * One secret the broker needs on disk: its name in the store (below the cluster's prefix) and the file it becomes
 * in the secrets directory. The keystore is per broker (its certificate names this broker), so its name carries
 * the claimed id; everything else is shared by the cluster.
 */
public record SecretFile(String name, String fileName, boolean store) {
    public static final String KEYSTORE = "kafka.keystore.p12";
    public static final String TRUSTSTORE = "kafka.truststore.p12";
    public static final String KEYSTORE_PASSWORD = "keystore.password";
    public static final String TRUSTSTORE_PASSWORD = "truststore.password";
    public static final String SCRAM_PASSWORD = "scram.password";
    /** The cluster's ZooKeeper digest user:password, fetched before the claim (which authenticates with it). */
    public static final String ZOOKEEPER_AUTH = "zookeeper-auth";

    /** TLS on any listener: this broker's keystore, the cluster's truststore (for mTLS and TLS between brokers), their passwords. */
    public static List<SecretFile> tls(int brokerId) {
        return List.of(
                new SecretFile("keystore/" + brokerId, KEYSTORE, true),
                new SecretFile("keystore-password", KEYSTORE_PASSWORD, false),
                new SecretFile("truststore", TRUSTSTORE, true),
                new SecretFile("truststore-password", TRUSTSTORE_PASSWORD, false));
    }

    /** SCRAM-SHA-512 between brokers: the password of the brokers' own SCRAM user. */
    public static List<SecretFile> scram() {
        return List.of(new SecretFile("scram-password", SCRAM_PASSWORD, false));
    }
}
