package io.kafkaaas.network;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.KernelRouting.Link;
import io.kafkaaas.network.KernelRouting.Route;
import io.kafkaaas.network.KernelRouting.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings the ENI's policy routing up in the running kernel: link up, the ENI IP on the link, a table with
 * the subnet route and a default route through the gateway, and one rule "from &lt;ip&gt; lookup &lt;table&gt;".
 * It reads first and changes only what differs, so a second run changes nothing and rules never pile up.
 */
public final class PolicyRoutingApplier {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRoutingApplier.class);
    private final KernelRouting kernel;

    public PolicyRoutingApplier(KernelRouting kernel) {
        this.kernel = kernel;
    }

    /** Fails with exit 2, before any change, when the interface does not exist. */
    public Link requireInterface(PolicyRouting spec) {
        return kernel.link(spec.interfaceName()).orElseThrow(() -> new UsageException("interface "
                + spec.interfaceName() + " does not exist; pass the ENI's interface as attach-eni reported it"
                + " (found by MAC address), e.g. --interface ens6"));
    }

    public NetworkResult apply(PolicyRouting spec) {
        Link link = requireInterface(spec);
        String device = spec.interfaceName();
        String ip = spec.privateIp().toString();
        List<String> actions = new ArrayList<>();

        if (!link.up()) {
            kernel.setUp(device);
            actions.add("set " + device + " up");
        }
        if (link.addresses().stream().noneMatch(a -> a.startsWith(ip + "/"))) {
            kernel.addAddress(device, spec.privateIp(), spec.subnet().prefixLength());
            actions.add("added address " + ip + "/" + spec.subnet().prefixLength() + " to " + device);
        }

        long table = spec.table().id();
        List<Route> present = kernel.routes(table);
        Route subnetRoute = new Route(table, spec.subnet().toString(), Optional.empty(), device, Optional.of(ip),
                Optional.of("link"));
        Route defaultRoute = new Route(table, "default", Optional.of(spec.gateway().toString()), device,
                Optional.empty(), Optional.empty());
        // The subnet route first: the kernel accepts the gateway only when the table can reach it.
        for (Route wanted : List.of(subnetRoute, defaultRoute)) {
            if (!present.contains(wanted)) {
                kernel.replaceRoute(wanted);
                actions.add("route " + wanted.describe());
            }
        }

        Rule wantedRule = new Rule(spec.rulePriority(), ip, Long.toString(table));
        boolean kept = false;
        for (Rule rule : kernel.rules()) {
            if (!rule.source().equals(ip) && !rule.source().equals(ip + "/32")) {
                continue;
            }
            boolean ours = rule.priority() == spec.rulePriority() && isOurTable(rule.table(), spec.table());
            if (ours && !kept) {
                kept = true;
            } else {
                // A duplicate, or a stale rule that would send the ENI's traffic elsewhere.
                kernel.deleteRule(rule);
                actions.add("deleted rule " + rule.describe());
            }
        }
        if (!kept) {
            kernel.addRule(wantedRule);
            actions.add("rule " + wantedRule.describe());
        }
        actions.forEach(a -> LOG.info("{}: {}", device, a));
        if (actions.isEmpty()) {
            LOG.info("policy routing for {} on {} is already in place (table {})", ip, device, table);
        }
        return new NetworkResult(device, ip, table, actions);
    }

    private static boolean isOurTable(String shown, RouteTable table) {
        return shown.equals(Long.toString(table.id())) || shown.equals(table.name());
    }
}
