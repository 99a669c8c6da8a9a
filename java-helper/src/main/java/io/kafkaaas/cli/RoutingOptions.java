package io.kafkaaas.cli;

import io.kafkaaas.network.Ipv4Address;
import io.kafkaaas.network.Ipv4Subnet;
import io.kafkaaas.network.PolicyRouting;
import io.kafkaaas.network.RouteTable;
import io.kafkaaas.network.RoutingSettings;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.OptionalInt;

/** The ENI's subnet and the policy-routing table; shared by render, apply-network and bootstrap. */
public final class RoutingOptions {
    @Option(names = "--subnet-cidr", paramLabel = "CIDR", description = "The ENI subnet's CIDR block, e.g. 10.0.1.0/24.")
    String subnetCidr;

    @Option(names = "--gateway", paramLabel = "IP", description = "The subnet gateway. Default: the subnet's first address plus one (the EC2 convention).")
    String gateway;

    @Option(names = "--table-id", paramLabel = "N", defaultValue = "100",
            description = "Routing table for the ENI's routes. Default: ${DEFAULT-VALUE}.")
    long tableId = RouteTable.DEFAULT_ID;

    @Option(names = "--table-name", paramLabel = "NAME", defaultValue = RouteTable.DEFAULT_NAME,
            description = "The table's name in /etc/iproute2/rt_tables. Default: ${DEFAULT-VALUE}.")
    String tableName = RouteTable.DEFAULT_NAME;

    @Option(names = "--rule-priority", paramLabel = "N", defaultValue = "1000",
            description = "Priority of the rule 'from <private-ip> lookup <table>'. Default: ${DEFAULT-VALUE}.")
    int rulePriority = PolicyRouting.DEFAULT_RULE_PRIORITY;

    @Option(names = "--mtu", paramLabel = "BYTES", description = "MTU of the ENI (9001 for jumbo frames in a VPC). Default: leave it as it is.")
    Integer mtu;

    public RouteTable table() {
        return new RouteTable(tableId, tableName);
    }

    /** --subnet-cidr, if given; bootstrap otherwise asks instance metadata. */
    public Optional<String> subnetCidr() {
        return Optional.ofNullable(subnetCidr);
    }

    /** The validated policy routing for an interface and address, in the given subnet. */
    public PolicyRouting routing(String interfaceName, Ipv4Address ip, String cidr) {
        PolicyRouting.validInterface(interfaceName);
        return settings().routing(interfaceName, ip, Ipv4Subnet.parse("--subnet-cidr", cidr));
    }

    /** Checks the options that do not depend on the facts, so bad input stops a run before it changes anything. */
    public RoutingSettings settings() {
        return new RoutingSettings(
                Optional.ofNullable(subnetCidr).map(c -> Ipv4Subnet.parse("--subnet-cidr", c)),
                Optional.ofNullable(gateway).map(g -> Ipv4Address.parse("--gateway", g)),
                table(), rulePriority, mtu == null ? OptionalInt.empty() : OptionalInt.of(mtu));
    }
}
