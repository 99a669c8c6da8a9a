package io.kafkaaas.secret;

/** Which secrets a boot fetches and where they go, before the id (which names the keystore) is known. */
public record SecretsPlan(boolean tls, boolean scram, String directory, String group) {
    public SecretsRequest request(int brokerId) {
        return new SecretsRequest(brokerId, tls, scram, directory, group);
    }
}
