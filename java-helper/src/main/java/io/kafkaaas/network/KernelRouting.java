package io.kafkaaas.network;

import java.util.List;
import java.util.Optional;

/** Port: the kernel's links, addresses, routes and rules, as `ip` shows and changes them. */
public interface KernelRouting {
    /** The interface, or empty when the kernel has no interface of that name. */
    Optional<Link> link(String interfaceName);

    /** Routes of one table (IPv4). */
    List<Route> routes(long table);

    /** Every IPv4 policy rule. */
    List<Rule> rules();

    void setUp(String interfaceName);

    void addAddress(String interfaceName, Ipv4Address address, int prefixLength);

    /** Adds or replaces the route with the same destination in the same table. */
    void replaceRoute(Route route);

    void addRule(Rule rule);

    void deleteRule(Rule rule);

    /** An interface: administratively up or not, and its IPv4 addresses with their prefix lengths. */
    record Link(String name, boolean up, List<String> addresses) {
    }

    /**
     * A route in a table. destination is "default" or a CIDR; gateway, source and scope may be empty.
     */
    record Route(long table, String destination, Optional<String> gateway, String device, Optional<String> source,
                 Optional<String> scope) {
        public String describe() {
            return destination + gateway.map(g -> " via " + g).orElse("") + " dev " + device
                    + scope.map(s -> " scope " + s).orElse("") + source.map(s -> " src " + s).orElse("")
                    + " table " + table;
        }
    }

    /** A rule "priority: from source lookup table"; table is what `ip` printed: a number or an rt_tables name. */
    record Rule(int priority, String source, String table) {
        public String describe() {
            return priority + ": from " + source + " lookup " + table;
        }
    }
}
