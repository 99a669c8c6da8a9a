package io.kafkaaas.simulation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority, made with the JDK's own keytool (no extra library): a CA, a truststore with it,
 * and PKCS12 keystores whose certificates the CA signed, with IP and DNS SANs so that Kafka's default hostname
 * verification (https) passes. Everything stays in the directory it is given. simulate --tls makes one in its workdir
 * at start; the TLS tests in kafka-tests/ use this same class (a test dependency on this module). The production jar
 * never has it.
 */
public final class ThrowawayCa {
    private final String caPassword;

    private final Path dir;

    private ThrowawayCa(Path dir, String caPassword) {
        this.dir = dir;
        this.caPassword = caPassword;
    }

    /** Creates the CA's key pair and the truststore (protected by {@code truststorePassword}) in {@code dir}. */
    public static ThrowawayCa create(Path dir, String caPassword, String truststorePassword) throws IOException {
        Files.createDirectories(dir);
        ThrowawayCa ca = new ThrowawayCa(dir, caPassword);
        ca.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=kafka-aas throw-away CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.caStore().toString(), "-storetype", "PKCS12", "-storepass", caPassword);
        ca.keytool("-exportcert", "-alias", "ca", "-rfc", "-keystore", ca.caStore().toString(), "-storepass", caPassword,
                "-file", ca.caCert().toString());
        ca.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", ca.caCert().toString(), "-keystore",
                ca.truststore().toString(), "-storetype", "PKCS12", "-storepass", truststorePassword);
        return ca;
    }

    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    private Path caStore() {
        return dir.resolve("ca.p12");
    }

    private Path caCert() {
        return dir.resolve("ca.pem");
    }

    /**
     * A PKCS12 keystore named {@code name}.p12 holding a key whose certificate the CA signed for {@code cn}, valid for
     * these SANs (e.g. "ip:127.0.0.1", "dns:localhost"), followed by the CA's certificate.
     */
    public Path keystore(String name, String cn, String password, String... sans) throws IOException {
        Path store = dir.resolve(name + ".p12");
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".pem");
        keytool("-genkeypair", "-alias", "key", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + cn,
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password);
        keytool("-certreq", "-alias", "key", "-keystore", store.toString(), "-storepass", password, "-file", csr.toString());
        List<String> sign = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", caStore().toString(),
                "-storepass", caPassword, "-infile", csr.toString(), "-outfile", cert.toString(), "-rfc", "-validity", "2"));
        if (sans.length > 0) {
            sign.addAll(List.of("-ext", "SAN=" + String.join(",", sans)));
        }
        keytool(sign.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert().toString(), "-keystore", store.toString(),
                "-storepass", password);
        keytool("-importcert", "-noprompt", "-alias", "key", "-file", cert.toString(), "-keystore", store.toString(),
                "-storepass", password);
        Files.delete(csr);
        return store;
    }

    private void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool " + args[0] + " ran", e);
        }
    }
}
