package io.kafkaaas.localcloud;

/**
 * One subnet per Availability Zone, on a loopback /24 (127.0.N.0/24) so that a simulated broker can bind
 * its ENI's IP on this machine; the gateway is .1, as in a VPC.
 */
public record Subnet(String id, String vpcId, String availabilityZone, int index) {
    public String cidr() {
        return "127.0." + index + ".0/24";
    }

    public String address(int host) {
        return "127.0." + index + "." + host;
    }

    public String vpcCidr() {
        return "127.0.0.0/16";
    }
}
