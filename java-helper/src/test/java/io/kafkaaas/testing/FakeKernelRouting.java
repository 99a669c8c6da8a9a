package io.kafkaaas.testing;

import io.kafkaaas.network.Ipv4Address;
import io.kafkaaas.network.KernelRouting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory kernel: links, routes per table and rules, with a log of every change made to it. */
public final class FakeKernelRouting implements KernelRouting {
    private final Map<String, Link> links = new LinkedHashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<String> changes = new ArrayList<>();

    public FakeKernelRouting withLink(String name, boolean up, String... addresses) {
        links.put(name, new Link(name, up, List.of(addresses)));
        return this;
    }

    public FakeKernelRouting withRoute(Route route) {
        routes.add(route);
        return this;
    }

    public FakeKernelRouting withRule(Rule rule) {
        rules.add(rule);
        return this;
    }

    public List<String> changes() {
        return changes;
    }

    public List<Rule> currentRules() {
        return List.copyOf(rules);
    }

    public List<Route> currentRoutes() {
        return List.copyOf(routes);
    }

    @Override
    public Optional<Link> link(String interfaceName) {
        return Optional.ofNullable(links.get(interfaceName));
    }

    @Override
    public List<Route> routes(long table) {
        return routes.stream().filter(r -> r.table() == table).toList();
    }

    @Override
    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    @Override
    public void setUp(String interfaceName) {
        Link l = links.get(interfaceName);
        links.put(interfaceName, new Link(l.name(), true, l.addresses()));
        changes.add("up " + interfaceName);
    }

    @Override
    public void addAddress(String interfaceName, Ipv4Address address, int prefixLength) {
        Link l = links.get(interfaceName);
        List<String> addresses = new ArrayList<>(l.addresses());
        addresses.add(address + "/" + prefixLength);
        links.put(interfaceName, new Link(l.name(), l.up(), addresses));
        changes.add("address " + address + "/" + prefixLength);
    }

    @Override
    public void replaceRoute(Route route) {
        routes.removeIf(r -> r.table() == route.table() && r.destination().equals(route.destination()));
        routes.add(route);
        changes.add("route " + route.describe());
    }

    @Override
    public void addRule(Rule rule) {
        rules.add(rule);
        changes.add("rule add " + rule.describe());
    }

    @Override
    public void deleteRule(Rule rule) {
        rules.remove(rule);
        changes.add("rule del " + rule.describe());
    }
}
