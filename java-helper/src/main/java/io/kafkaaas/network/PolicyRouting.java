package io.kafkaaas.network;

import io.kafkaaas.core.UsageException;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * What policy routing for the broker's ENI means: packets from the ENI IP look up their own table, whose
 * default route leaves through the ENI to the subnet gateway. Without it, replies to clients would leave
 * through the primary interface with the ENI's source address, and the VPC drops them.
 */
public record PolicyRouting(String interfaceName, Ipv4Address privateIp, Ipv4Address gateway, Ipv4Subnet subnet,
                            RouteTable table, int rulePriority, OptionalInt mtu) {
    public static final int DEFAULT_RULE_PRIORITY = 1000;
    // Linux interface names: at most 15 bytes, no '/', ':' or white space.
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    public PolicyRouting {
        validInterface(interfaceName);
        if (!subnet.contains(privateIp)) {
            throw new UsageException("--private-ip " + privateIp + " is not in --subnet-cidr " + subnet
                    + "; pass the ENI's own subnet");
        }
        if (!subnet.contains(gateway)) {
            throw new UsageException("--gateway " + gateway + " is not in --subnet-cidr " + subnet
                    + "; on EC2 the gateway is the subnet's first address plus one");
        }
        if (gateway.equals(privateIp)) {
            throw new UsageException("--gateway " + gateway + " is the ENI's own IP; pass the subnet gateway");
        }
        if (rulePriority < 1 || rulePriority > 32765) {
            throw new UsageException("--rule-priority " + rulePriority
                    + " is out of range 1-32765 (it must come before the main table's rule at 32766)");
        }
        if (mtu.isPresent() && (mtu.getAsInt() < 576 || mtu.getAsInt() > 9001)) {
            throw new UsageException("--mtu " + mtu.getAsInt() + " is out of range 576-9001");
        }
    }

    public static String validInterface(String name) {
        if (name == null || !INTERFACE.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new UsageException(name == null ? "--interface is required: the ENI's kernel interface, e.g. ens6"
                    : "--interface '" + name + "' is not a Linux interface name (1-15 of A-Z a-z 0-9 _ . -)");
        }
        return name;
    }

    /** The EC2 convention: the subnet's network address plus one. */
    public static Ipv4Address defaultGateway(Ipv4Subnet subnet) {
        return new Ipv4Address(subnet.network().bits() + 1);
    }
}
