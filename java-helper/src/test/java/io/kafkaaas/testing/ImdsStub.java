package io.kafkaaas.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An IMDSv2-only metadata service: PUT /latest/api/token issues a session token (and echoes its TTL header, as
 * EC2 does); every GET without a valid token gets 401, exactly what an instance with IMDSv1 disabled answers.
 * Tokens can be expired at will, and tokenless GETs are counted: a client that falls back to IMDSv1 shows up there.
 */
public final class ImdsStub implements AutoCloseable {
    public static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";
    public static final String TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";

    private final HttpServer server;
    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger tokenless = new AtomicInteger();
    private volatile boolean refuseTokens;

    public ImdsStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public ImdsStub identity(String instanceId, String az, String region) {
        put("/latest/meta-data/instance-id", instanceId);
        put("/latest/meta-data/placement/availability-zone", az);
        put("/latest/meta-data/placement/region", region);
        return this;
    }

    /** Lists an attached interface as IMDS does under network/interfaces/macs/, with its subnet. */
    public ImdsStub networkInterface(String mac, int deviceNumber, String subnetCidr) {
        networkInterface(mac, deviceNumber);
        put("/latest/meta-data/network/interfaces/macs/" + mac + "/subnet-ipv4-cidr-block", subnetCidr);
        return this;
    }

    /** Lists an attached interface as IMDS does under network/interfaces/macs/. */
    public ImdsStub networkInterface(String mac, int deviceNumber) {
        String prefix = "/latest/meta-data/network/interfaces/macs/";
        String list = values.getOrDefault(prefix, "");
        put(prefix, (list.isEmpty() ? "" : list + "\n") + mac + "/");
        put(prefix + mac + "/device-number", Integer.toString(deviceNumber));
        return this;
    }

    public ImdsStub put(String path, String value) {
        values.put(path, value);
        return this;
    }

    /** Every token issued so far stops working, as after its TTL or an IMDS restart. */
    public void expireAllTokens() {
        validTokens.clear();
    }

    public void refuseTokens(boolean refuse) {
        this.refuseTokens = refuse;
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    public int rejected() {
        return rejected.get();
    }

    /** GETs that came without any token: an IMDSv1 fallback. Must stay 0. */
    public int tokenlessRequests() {
        return tokenless.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("PUT") && path.equals("/latest/api/token")) {
            String ttl = exchange.getRequestHeaders().getFirst(TTL_HEADER);
            if (refuseTokens || ttl == null) {
                respond(exchange, refuseTokens ? 403 : 400, "");
                return;
            }
            String token = UUID.randomUUID().toString();
            validTokens.add(token);
            tokensIssued.incrementAndGet();
            exchange.getResponseHeaders().add(TTL_HEADER, ttl);
            respond(exchange, 200, token);
            return;
        }
        String token = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (token == null) {
            tokenless.incrementAndGet();
        }
        if (token == null || !validTokens.contains(token)) {
            rejected.incrementAndGet();
            respond(exchange, 401, "");
            return;
        }
        String value = values.get(path);
        respond(exchange, value == null ? 404 : 200, value == null ? "" : value);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
