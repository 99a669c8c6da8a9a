package io.kafkaaas.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP server in front of moto_server that answers the next requests with EC2 error responses (throttling,
 * 5xx) and forwards the rest. The real SDK client, with the retry strategy the CLI uses, talks to it: this is how
 * tests show that bursts are retried and that a failure that does not stop is bounded.
 */
public final class FlakyEc2Endpoint implements AutoCloseable {
    /** One scripted failure: HTTP status and EC2 error code. */
    public record Failure(int status, String code) {
        public static final Failure THROTTLED = new Failure(503, "RequestLimitExceeded");
        public static final Failure INTERNAL = new Failure(500, "InternalError");
        public static final Failure UNAVAILABLE = new Failure(503, "Unavailable");
    }

    private final HttpServer server;
    private final URI upstream;
    private final Deque<Failure> script = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile Failure always;

    public FlakyEc2Endpoint(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next requests fail with these, in order; then requests go through again. */
    public synchronized FlakyEc2Endpoint failNext(Failure... failures) {
        script.addAll(List.of(failures));
        return this;
    }

    /** Every request fails with this until cleared with null. */
    public FlakyEc2Endpoint failAlways(Failure failure) {
        this.always = failure;
        return this;
    }

    public int requests() {
        return requests.get();
    }

    public int failed() {
        return failed.get();
    }

    private synchronized Failure nextFailure() {
        return always != null ? always : script.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Failure failure = nextFailure();
        if (failure != null) {
            failed.incrementAndGet();
            byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + failure.code()
                    + "</Code><Message>scripted " + failure.code() + "</Message></Error></Errors><RequestID>flaky-"
                    + requests.get() + "</RequestID></Response>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(failure.status(), xml.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(xml);
            }
            return;
        }
        forward(exchange, body);
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) upstream.resolve(exchange.getRequestURI().toString()).toURL().openConnection();
        c.setRequestMethod(exchange.getRequestMethod());
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Host") && !h.getKey().equalsIgnoreCase("Content-Length")) {
                h.getValue().forEach(v -> c.addRequestProperty(h.getKey(), v));
            }
        }
        if (body.length > 0) {
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        byte[] answer;
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            answer = in == null ? new byte[0] : in.readAllBytes();
        }
        String type = c.getContentType();
        if (type != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
