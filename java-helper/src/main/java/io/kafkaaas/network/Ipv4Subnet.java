package io.kafkaaas.network;

import io.kafkaaas.core.UsageException;

/** A subnet in CIDR notation (10.0.1.0/24), as EC2 reports a subnet's CidrBlock. */
public record Ipv4Subnet(Ipv4Address network, int prefixLength) {
    public static Ipv4Subnet parse(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new UsageException(what + " is required: the ENI subnet's CIDR block, e.g. 10.0.1.0/24");
        }
        String text = value.trim();
        int slash = text.indexOf('/');
        if (slash < 0 || !text.substring(slash + 1).matches("[0-9]{1,2}")) {
            throw new UsageException(what + " '" + value + "' is not a CIDR block (address/prefix, e.g. 10.0.1.0/24)");
        }
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if (prefix > 32) {
            throw new UsageException(what + " '" + value + "': prefix length " + prefix + " is out of range 0-32");
        }
        Ipv4Address address = Ipv4Address.parse(what, text.substring(0, slash));
        Ipv4Subnet subnet = new Ipv4Subnet(new Ipv4Address(address.bits() & mask(prefix)), prefix);
        if (!subnet.network().equals(address)) {
            throw new UsageException(what + " '" + value + "' has host bits set; the subnet is " + subnet);
        }
        return subnet;
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public boolean contains(Ipv4Address address) {
        return (address.bits() & mask(prefixLength)) == network.bits();
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
