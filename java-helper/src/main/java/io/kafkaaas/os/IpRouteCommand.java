package io.kafkaaas.os;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.json.Json;
import io.kafkaaas.network.Ipv4Address;
import io.kafkaaas.network.KernelRouting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Adapter: runs iproute2's {@code ip} and reads its JSON output ({@code ip -j}, iproute2 4.17 and later). The
 * command prefix is configurable so that tests (and operators) can run it inside a network namespace:
 * {@code ip netns exec NAME ip ...}.
 */
public final class IpRouteCommand implements KernelRouting {
    private static final long TIMEOUT_SECONDS = 30;
    private final List<String> command;

    /** @param command how to start ip, e.g. ["ip"] or ["ip", "netns", "exec", "ns1", "ip"] */
    public IpRouteCommand(List<String> command) {
        this.command = List.copyOf(command);
    }

    public static IpRouteCommand host() {
        return new IpRouteCommand(List.of("ip"));
    }

    public static IpRouteCommand inNamespace(String namespace) {
        return new IpRouteCommand(List.of("ip", "netns", "exec", namespace, "ip"));
    }

    @Override
    public Optional<Link> link(String interfaceName) {
        // Without -4: a link with no IPv4 address yet (a freshly attached ENI) must still show up.
        Result r = run("-j", "address", "show", "dev", interfaceName);
        if (r.exitCode != 0) {
            if (r.stderr.contains("does not exist") || r.stderr.contains("Cannot find device")) {
                return Optional.empty();
            }
            throw r.failure();
        }
        List<Map<?, ?>> links = objects(json(r));
        if (links.isEmpty()) {
            return Optional.empty();
        }
        Map<?, ?> link = links.get(0);
        boolean up = link.get("flags") instanceof List<?> flags && flags.contains("UP");
        List<String> addresses = new ArrayList<>();
        for (Map<?, ?> info : objects(link.get("addr_info"))) {
            if ("inet".equals(info.get("family"))) {
                addresses.add(text(info, "local", "") + "/" + number(info, "prefixlen"));
            }
        }
        return Optional.of(new Link(text(link, "ifname", interfaceName), up, addresses));
    }

    @Override
    public List<Route> routes(long table) {
        Result r = run("-j", "-4", "route", "show", "table", Long.toString(table));
        if (r.exitCode != 0 && r.stderr.contains("table does not exist")) {
            return List.of(); // the kernel creates a table with its first route
        }
        if (r.exitCode != 0) {
            throw r.failure();
        }
        List<Route> routes = new ArrayList<>();
        for (Map<?, ?> route : objects(json(r))) {
            String scope = text(route, "scope", "");
            routes.add(new Route(table, text(route, "dst", ""), text(route, "gateway"), text(route, "dev", ""),
                    text(route, "prefsrc"), scope.isEmpty() || scope.equals("global") ? Optional.empty() : Optional.of(scope)));
        }
        return routes;
    }

    @Override
    public List<Rule> rules() {
        Result r = run("-j", "-4", "rule", "show");
        if (r.exitCode != 0) {
            throw r.failure();
        }
        List<Rule> rules = new ArrayList<>();
        for (Map<?, ?> rule : objects(json(r))) {
            String source = text(rule, "src", "all");
            if (rule.containsKey("srclen") && !source.equals("all")) {
                source = source + "/" + number(rule, "srclen");
            }
            rules.add(new Rule(number(rule, "priority"), source, text(rule, "table", "")));
        }
        return rules;
    }

    @Override
    public void setUp(String interfaceName) {
        change("link", "set", "dev", interfaceName, "up");
    }

    @Override
    public void addAddress(String interfaceName, Ipv4Address address, int prefixLength) {
        change("address", "add", address + "/" + prefixLength, "dev", interfaceName);
    }

    @Override
    public void replaceRoute(Route route) {
        List<String> args = new ArrayList<>(List.of("-4", "route", "replace", route.destination()));
        route.gateway().ifPresent(g -> args.addAll(List.of("via", g)));
        args.addAll(List.of("dev", route.device()));
        route.scope().ifPresent(s -> args.addAll(List.of("scope", s)));
        route.source().ifPresent(s -> args.addAll(List.of("src", s)));
        args.addAll(List.of("table", Long.toString(route.table())));
        change(args.toArray(String[]::new));
    }

    @Override
    public void addRule(Rule rule) {
        change("-4", "rule", "add", "from", rule.source(), "lookup", rule.table(), "priority", Integer.toString(rule.priority()));
    }

    @Override
    public void deleteRule(Rule rule) {
        change("-4", "rule", "del", "from", rule.source(), "lookup", rule.table(), "priority", Integer.toString(rule.priority()));
    }

    private void change(String... args) {
        Result r = run(args);
        if (r.exitCode != 0) {
            throw r.failure();
        }
    }

    private static Optional<String> text(Map<?, ?> node, String field) {
        return Optional.ofNullable(node.get(field)).map(Object::toString);
    }

    private static String text(Map<?, ?> node, String field, String absent) {
        return text(node, field).orElse(absent);
    }

    /** A number field; ip prints numbers, but a numeric text is read too. Absent or not a number: 0. */
    private static int number(Map<?, ?> node, String field) {
        Object value = node.get(field);
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return value == null ? 0 : Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The objects of a JSON array (ip -j prints one array per command); anything else has none. */
    private static List<Map<?, ?>> objects(Object array) {
        List<Map<?, ?>> objects = new ArrayList<>();
        if (array instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> object) {
                    objects.add(object);
                }
            }
        }
        return objects;
    }

    private static Object json(Result r) {
        String out = r.stdout.isBlank() ? "[]" : r.stdout;
        try {
            return Json.read(out);
        } catch (IOException e) {
            throw new KafkaAasException(ExitCode.INTERNAL, "'" + r.commandLine + "' printed no JSON (" + e.getMessage()
                    + "); kafka-aas needs iproute2 4.17 or later for 'ip -j'");
        }
    }

    private Result run(String... args) {
        List<String> argv = new ArrayList<>(command);
        argv.addAll(List.of(args));
        String commandLine = String.join(" ", argv);
        try {
            Process process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String stdout = read(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new KafkaAasException(ExitCode.INTERNAL, "'" + commandLine + "' did not finish within "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Result(commandLine, process.exitValue(), stdout, stderr.join());
        } catch (IOException e) {
            throw new KafkaAasException(ExitCode.USAGE, "cannot run '" + commandLine + "': " + e.getMessage()
                    + "; install iproute2");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAasException(ExitCode.INTERNAL, "interrupted while running '" + commandLine + "'");
        }
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private record Result(String commandLine, int exitCode, String stdout, String stderr) {
        KafkaAasException failure() {
            return new KafkaAasException(ExitCode.INTERNAL, "'" + commandLine + "' failed with exit " + exitCode + ": "
                    + stderr.strip().replaceAll("\\s*\\n\\s*", "; "));
        }
    }
}
