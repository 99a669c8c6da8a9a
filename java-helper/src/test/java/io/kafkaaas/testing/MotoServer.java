package io.kafkaaas.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One moto_server (the EC2 API emulator) per test JVM, started on a free port and reset between tests.
 * The Python that has moto comes from KAFKA_AAS_PYTHON (set by .ci/run), else python3 on PATH.
 */
public final class MotoServer {
    private static MotoServer instance;

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The shared server, started on first use; skips (or fails under CI) when moto is not installed. */
    public static synchronized MotoServer get() {
        if (instance == null) {
            String python = python();
            Requirements.require(hasMoto(python), "moto is not importable by '" + python
                    + "'; install it or set KAFKA_AAS_PYTHON to a Python that has it");
            instance = start(python);
        }
        instance.reset();
        return instance;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The options that point the CLI at this emulator. */
    public String[] cliOptions() {
        return new String[] {"--region", "us-east-1", "--ec2-endpoint", endpoint.toString()};
    }

    public Ec2Client ec2() {
        return client(Ec2Client.builder());
    }

    /** Any SDK client on this emulator, e.g. {@code moto.client(SsmClient.builder())}: us-east-1, dummy credentials. */
    public <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public void reset() {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL().openConnection();
            c.setRequestMethod("POST");
            c.getInputStream().readAllBytes();
            c.disconnect();
        } catch (IOException e) {
            throw new IllegalStateException("moto_server at " + endpoint + " did not reset", e);
        }
    }

    static String python() {
        String configured = System.getenv("KAFKA_AAS_PYTHON");
        return configured == null || configured.isBlank() ? "python3" : configured;
    }

    private static boolean hasMoto(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import moto.server").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static MotoServer start(String python) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = Files.createTempFile("moto-", ".log");
            Process process = new ProcessBuilder(python, "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("moto_server exited: " + Files.readString(log));
                }
                try {
                    HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
                    c.setConnectTimeout(500);
                    if (c.getResponseCode() < 500) {
                        return new MotoServer(process, endpoint);
                    }
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            process.destroy();
            throw new IllegalStateException("moto_server did not start within 60 s; see " + log);
        } catch (IOException e) {
            throw new IllegalStateException("could not start moto_server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
