package io.kafkaaas.zk;

import io.kafkaaas.core.UsageException;
import org.apache.zookeeper.ClientCnxnSocketNetty;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS to the ensemble (the server's secureClientPort): the Netty client socket, a trust store for the ensemble's CA
 * and, for mutual TLS, a key store. Passwords stay in files that ZooKeeper itself reads (ssl.*.passwordPath), so
 * they are neither on the command line nor in this process's strings. Store types follow the file extension
 * (.jks, .p12/.pfx, .pem). The server's certificate must name the host in the connect string (hostname
 * verification stays on).
 */
public record ZkTls(Path truststore, Optional<Path> truststorePasswordFile, Optional<Path> keystore,
                    Optional<Path> keystorePasswordFile) {

    public ZkTls {
        if (truststore == null) {
            throw new UsageException("--zookeeper-tls needs --zookeeper-truststore: the CA that signed the ensemble's"
                    + " certificates (.jks, .p12 or .pem)");
        }
        if (keystorePasswordFile.isPresent() && keystore.isEmpty()) {
            throw new UsageException("--zookeeper-keystore-password-file needs --zookeeper-keystore (this client's"
                    + " certificate for mutual TLS)");
        }
    }

    /** The client configuration; starts from the JVM's zookeeper.* properties, as ZooKeeper's own default does. */
    public ZKClientConfig clientConfig() {
        // Checked when the client connects (fetch-secrets writes them at boot): ZooKeeper itself would only keep
        // retrying the handshake, and the run would end as "unreachable" (exit 6) instead of naming the file.
        requireFile("--zookeeper-truststore", truststore);
        truststorePasswordFile.ifPresent(f -> requireFile("--zookeeper-truststore-password-file", f));
        keystore.ifPresent(f -> requireFile("--zookeeper-keystore", f));
        keystorePasswordFile.ifPresent(f -> requireFile("--zookeeper-keystore-password-file", f));
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
        config.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, ClientCnxnSocketNetty.class.getName());
        try (ClientX509Util x509 = new ClientX509Util()) {
            config.setProperty(x509.getSslTruststoreLocationProperty(), truststore.toString());
            truststorePasswordFile.ifPresent(f -> config.setProperty(x509.getSslTruststorePasswdPathProperty(), f.toString()));
            keystore.ifPresent(k -> config.setProperty(x509.getSslKeystoreLocationProperty(), k.toString()));
            keystorePasswordFile.ifPresent(f -> config.setProperty(x509.getSslKeystorePasswdPathProperty(), f.toString()));
        }
        return config;
    }

    private static void requireFile(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(option + " " + file + " does not exist or is not a file; fetch-secrets writes it at"
                    + " boot, or put it there");
        }
    }
}
