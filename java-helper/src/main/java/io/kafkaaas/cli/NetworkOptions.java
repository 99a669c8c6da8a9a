package io.kafkaaas.cli;

import io.kafkaaas.network.Ipv4Address;
import io.kafkaaas.network.Ipv4Subnet;
import io.kafkaaas.network.PolicyRouting;
import io.kafkaaas.network.RouteTable;
import picocli.CommandLine.Option;

import java.util.OptionalInt;

/** The ENI's network facts (attach-eni reports them) and the policy-routing table; shared by render and apply-network. */
public final class NetworkOptions {
    @Option(names = "--private-ip", paramLabel = "IP", description = "The ENI's private IPv4 address: Kafka listens and advertises here.")
    String privateIp;

    @Option(names = "--interface", paramLabel = "NAME", description = "The ENI's kernel interface (found by MAC address), e.g. ens6.")
    String interfaceName;

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

    public Ipv4Address privateIp() {
        return Ipv4Address.parse("--private-ip", privateIp);
    }

    public RouteTable table() {
        return new RouteTable(tableId, tableName);
    }

    /** The validated policy routing; every fact it needs must be present. */
    public PolicyRouting routing() {
        PolicyRouting.validInterface(interfaceName);
        Ipv4Address ip = privateIp();
        Ipv4Subnet subnet = Ipv4Subnet.parse("--subnet-cidr", subnetCidr);
        Ipv4Address gw = gateway == null ? PolicyRouting.defaultGateway(subnet) : Ipv4Address.parse("--gateway", gateway);
        return new PolicyRouting(interfaceName, ip, gw, subnet, table(), rulePriority,
                mtu == null ? OptionalInt.empty() : OptionalInt.of(mtu));
    }
}
