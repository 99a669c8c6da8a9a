package io.kafkaaas.cli;

import io.kafkaaas.network.Ipv4Address;
import io.kafkaaas.network.PolicyRouting;
import io.kafkaaas.network.RouteTable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The ENI's network facts (attach-eni reports them) plus the routing options; shared by render and apply-network. */
public final class NetworkOptions {
    @Option(names = "--private-ip", paramLabel = "IP", description = "The ENI's private IPv4 address: Kafka listens and advertises here.")
    String privateIp;

    @Option(names = "--interface", paramLabel = "NAME", description = "The ENI's kernel interface (found by MAC address), e.g. ens6.")
    String interfaceName;

    @Mixin
    RoutingOptions routing = new RoutingOptions();

    public Ipv4Address privateIp() {
        return Ipv4Address.parse("--private-ip", privateIp);
    }

    public RouteTable table() {
        return routing.table();
    }

    /** The validated policy routing; every fact it needs must be present. */
    public PolicyRouting routing() {
        PolicyRouting.validInterface(interfaceName);
        Ipv4Address ip = privateIp();
        return routing.routing(interfaceName, ip, routing.subnetCidr().orElse(null));
    }
}
