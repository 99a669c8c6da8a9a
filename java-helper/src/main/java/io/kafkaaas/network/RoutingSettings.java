package io.kafkaaas.network;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the ENI is routed, apart from its interface and address. The subnet may be unknown until the ENI is
 * attached (bootstrap then takes it from instance metadata); the gateway defaults to the EC2 convention.
 */
public record RoutingSettings(Optional<Ipv4Subnet> subnet, Optional<Ipv4Address> gateway, RouteTable table,
                              int rulePriority, OptionalInt mtu) {

    /** The validated policy routing for an interface and address in the given subnet. */
    public PolicyRouting routing(String interfaceName, Ipv4Address ip, Ipv4Subnet in) {
        return new PolicyRouting(interfaceName, ip, gateway.orElseGet(() -> PolicyRouting.defaultGateway(in)), in, table,
                rulePriority, mtu);
    }
}
