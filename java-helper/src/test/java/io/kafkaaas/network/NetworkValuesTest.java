package io.kafkaaas.network;

import io.kafkaaas.core.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkValuesTest {
    @ParameterizedTest
    @ValueSource(strings = {"10.0.1", "10.0.1.256", "010.0.1.5", "10.0.1.5.6", "a.b.c.d", "10.0.1.-1", " ", "10..1.5"})
    void rejectsWhatIsNotADottedQuad(String text) {
        assertThatThrownBy(() -> Ipv4Address.parse("--private-ip", text)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--private-ip");
    }

    @Test
    void parsesAndPrintsAddressesAndSubnets() {
        assertThat(Ipv4Address.parse("ip", "255.0.10.1").toString()).isEqualTo("255.0.10.1");
        Ipv4Subnet subnet = Ipv4Subnet.parse("cidr", "172.31.16.0/20");
        assertThat(subnet.contains(Ipv4Address.parse("ip", "172.31.31.255"))).isTrue();
        assertThat(subnet.contains(Ipv4Address.parse("ip", "172.31.32.0"))).isFalse();
        assertThat(PolicyRouting.defaultGateway(subnet).toString()).isEqualTo("172.31.16.1");
        assertThat(Ipv4Subnet.parse("cidr", "0.0.0.0/0").contains(Ipv4Address.parse("ip", "8.8.8.8"))).isTrue();
    }

    @Test
    void policyRoutingNeedsTheIpAndGatewayInTheSubnet() {
        Ipv4Subnet subnet = Ipv4Subnet.parse("cidr", "10.0.1.0/24");
        assertThatThrownBy(() -> new PolicyRouting("ens6", Ipv4Address.parse("ip", "10.0.1.5"), Ipv4Address.parse("gw", "10.0.2.1"),
                subnet, new RouteTable(100, "kafka-eni"), 1000, OptionalInt.empty()))
                .hasMessageContaining("--gateway 10.0.2.1 is not in --subnet-cidr 10.0.1.0/24");
        assertThatThrownBy(() -> new PolicyRouting("ens6/x", Ipv4Address.parse("ip", "10.0.1.5"), Ipv4Address.parse("gw", "10.0.1.1"),
                subnet, new RouteTable(100, "kafka-eni"), 1000, OptionalInt.empty()))
                .hasMessageContaining("is not a Linux interface name");
        assertThatThrownBy(() -> new RouteTable(100, "main")).hasMessageContaining("--table-name 'main' is not usable");
    }
}
