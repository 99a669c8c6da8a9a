package io.kafkaaas.localcloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves a {@link LocalCloud} over HTTP on one port: the EC2, Auto Scaling and CloudFormation Query APIs at {@code /} (POST),
 * SSM's and Secrets Manager's JSON APIs there too (told apart by X-Amz-Target), and each
 * instance's IMDSv2 at {@code /<instance-id>/latest/...}. The real SDK adapters and the CLI in other
 * processes use it through --ec2-endpoint and --imds-endpoint.
 */
public final class LocalCloudServer implements AutoCloseable {
    private static final Pattern IMDS_PATH = Pattern.compile("/(i-[0-9a-f]+)(/latest/.*)");

    private final LocalCloud cloud;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Ec2QueryApi ec2;
    private final AutoScalingQueryApi autoScaling;
    private final CloudFormationQueryApi cloudFormation;
    private final ImdsApi imds;
    private final SecretsJsonApi secrets;

    private LocalCloudServer(LocalCloud cloud, HttpServer server, ExecutorService executor) {
        this.cloud = cloud;
        this.server = server;
        this.executor = executor;
        this.ec2 = new Ec2QueryApi(cloud);
        this.autoScaling = new AutoScalingQueryApi(cloud.autoScaling());
        this.cloudFormation = new CloudFormationQueryApi(cloud.autoScaling());
        this.imds = new ImdsApi(cloud, Clock.systemUTC());
        this.secrets = new SecretsJsonApi(cloud.secrets(), cloud.region());
    }

    /** Binds host:port (port 0 picks a free one); throws IOException when the port is taken. */
    public static LocalCloudServer start(LocalCloud cloud, String host, int port) throws IOException {
        // Nagle and the client's delayed ACK cost ~40 ms per keep-alive request; read once, before the first server.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "local-cloud-http");
            t.setDaemon(true);
            return t;
        });
        LocalCloudServer s = new LocalCloudServer(cloud, server, executor);
        server.createContext("/", s::handle);
        server.setExecutor(executor);
        server.start();
        return s;
    }

    public LocalCloud cloud() {
        return cloud;
    }

    public URI ec2Endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** The --imds-endpoint of one instance. */
    public URI imdsEndpoint(String instanceId) {
        return URI.create(ec2Endpoint() + "/" + instanceId);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Matcher imdsPath = IMDS_PATH.matcher(path);
            if (imdsPath.matches()) {
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
                ImdsApi.Answer answer = imds.handle(exchange.getRequestMethod(), imdsPath.group(1), imdsPath.group(2), headers);
                answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                send(exchange, answer.status(), "text/plain", answer.body());
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 404, "text/plain", "local cloud: EC2 is POST /, IMDS is /<instance-id>/latest/...");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (SecretsJsonApi.handles(target)) {
                SecretsJsonApi.Answer answer = secrets.handle(target, body);
                send(exchange, answer.status(), "application/x-amz-json-1.1", answer.body());
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            QueryParams params = QueryParams.parse(query == null ? body : body.isEmpty() ? query : query + "&" + body);
            // One endpoint for every Query service, told apart by the API version each SDK client sends.
            String version = params.get("Version") == null ? "" : params.get("Version");
            String namespace = switch (version) {
                case AutoScalingQueryApi.VERSION -> AutoScalingQueryApi.NAMESPACE;
                case CloudFormationQueryApi.VERSION -> CloudFormationQueryApi.NAMESPACE;
                default -> null;
            };
            try {
                String answer = switch (version) {
                    case AutoScalingQueryApi.VERSION -> autoScaling.handle(params);
                    case CloudFormationQueryApi.VERSION -> cloudFormation.handle(params);
                    default -> ec2.handle(params);
                };
                send(exchange, 200, "text/xml;charset=UTF-8", answer);
            } catch (Ec2Error e) {
                send(exchange, e.httpStatus(), "text/xml;charset=UTF-8", errorXml(namespace, e));
            } catch (RuntimeException e) {
                send(exchange, 500, "text/xml;charset=UTF-8", errorXml(namespace, new Ec2Error("InternalError", String.valueOf(e), 500)));
            }
        }
    }

    private static String errorXml(String namespace, Ec2Error e) {
        return namespace == null ? Ec2QueryApi.errorXml(e) : AutoScalingQueryApi.errorXml(namespace, e);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        cloud.close();
    }
}
