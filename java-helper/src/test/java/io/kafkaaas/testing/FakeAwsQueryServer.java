package io.kafkaaas.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An HTTP endpoint that speaks the AWS Query protocol (Auto Scaling, CloudFormation) for the calls moto does
 * not implement (SignalResource, CompleteLifecycleAction) or cannot put in a given state (Pending:Wait,
 * Terminating:Wait). It records each request's form parameters, so a test sees what the real SDK sent.
 */
public final class FakeAwsQueryServer implements AutoCloseable {
    /** A canned answer: HTTP status and XML body. */
    public record Reply(int status, String body) {
        public static Reply ok(String action, String resultXml) {
            return new Reply(200, "<" + action + "Response xmlns=\"http://example.com/doc/\">"
                    + (resultXml.isEmpty() ? "" : "<" + action + "Result>" + resultXml + "</" + action + "Result>")
                    + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></" + action + "Response>");
        }

        public static Reply error(int status, String code, String message) {
            return new Reply(status, "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message
                    + "</Message></Error><RequestId>req-1</RequestId></ErrorResponse>");
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Map<String, String>, Reply>> handlers = new ConcurrentHashMap<>();
    private final List<Map<String, String>> requests = new ArrayList<>();

    public FakeAwsQueryServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a local port", e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public FakeAwsQueryServer on(String action, Function<Map<String, String>, Reply> handler) {
        handlers.put(action, handler);
        return this;
    }

    public FakeAwsQueryServer on(String action, Reply reply) {
        return on(action, params -> reply);
    }

    /** Form parameters of every request received, in order (Action included). */
    public synchronized List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    public List<String> actions() {
        return requests().stream().map(r -> r.get("Action")).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> params = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        synchronized (this) {
            requests.add(params);
        }
        Function<Map<String, String>, Reply> handler = handlers.get(params.getOrDefault("Action", ""));
        Reply reply = handler == null ? Reply.error(400, "InvalidAction", "no fake for " + params.get("Action")) : handler.apply(params);
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    /** A DescribeAutoScalingInstances answer for one instance. */
    public static String autoScalingInstance(String instanceId, String group, String lifecycleState, String health) {
        return "<AutoScalingInstances><member><InstanceId>" + instanceId + "</InstanceId><AutoScalingGroupName>" + group
                + "</AutoScalingGroupName><AvailabilityZone>us-east-1a</AvailabilityZone><LifecycleState>" + lifecycleState
                + "</LifecycleState><HealthStatus>" + health + "</HealthStatus><ProtectedFromScaleIn>false</ProtectedFromScaleIn>"
                + "</member></AutoScalingInstances>";
    }

    /** A DescribeLifecycleHooks answer; hooks are name, transition pairs. */
    public static String lifecycleHooks(String group, String... nameTransitionPairs) {
        StringBuilder xml = new StringBuilder("<LifecycleHooks>");
        for (int i = 0; i < nameTransitionPairs.length; i += 2) {
            xml.append("<member><LifecycleHookName>").append(nameTransitionPairs[i]).append("</LifecycleHookName><AutoScalingGroupName>")
                    .append(group).append("</AutoScalingGroupName><LifecycleTransition>").append(nameTransitionPairs[i + 1])
                    .append("</LifecycleTransition></member>");
        }
        return xml.append("</LifecycleHooks>").toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
