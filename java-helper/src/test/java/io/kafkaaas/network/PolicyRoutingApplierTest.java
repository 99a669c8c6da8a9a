package io.kafkaaas.network;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.KernelRouting.Route;
import io.kafkaaas.network.KernelRouting.Rule;
import io.kafkaaas.testing.FakeKernelRouting;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decisions of apply-network against an in-memory kernel; the real kernel is in PolicyRoutingNetnsTest. */
class PolicyRoutingApplierTest {
    private final PolicyRouting spec = new PolicyRouting("ens6", Ipv4Address.parse("ip", "10.0.1.15"),
            Ipv4Address.parse("gw", "10.0.1.1"), Ipv4Subnet.parse("cidr", "10.0.1.0/24"),
            new RouteTable(100, "kafka-eni"), 1000, OptionalInt.empty());

    @Test
    void bringsEverythingUpOnceThenChangesNothing() {
        FakeKernelRouting kernel = new FakeKernelRouting().withLink("ens6", false);
        PolicyRoutingApplier applier = new PolicyRoutingApplier(kernel);

        NetworkResult first = applier.apply(spec);

        assertThat(first.changed()).isTrue();
        assertThat(kernel.changes()).containsExactly("up ens6", "address 10.0.1.15/24",
                "route 10.0.1.0/24 dev ens6 scope link src 10.0.1.15 table 100",
                "route default via 10.0.1.1 dev ens6 table 100",
                "rule add 1000: from 10.0.1.15 lookup 100");

        NetworkResult second = applier.apply(spec);

        assertThat(second.changed()).isFalse();
        assertThat(second.actions()).isEmpty();
        assertThat(kernel.changes()).hasSize(5);
    }

    @Test
    void aRuleShownUnderTheTableNameCountsAsOurs() {
        FakeKernelRouting kernel = new FakeKernelRouting().withLink("ens6", true, "10.0.1.15/24")
                .withRoute(new Route(100, "10.0.1.0/24", Optional.empty(), "ens6", Optional.of("10.0.1.15"), Optional.of("link")))
                .withRoute(new Route(100, "default", Optional.of("10.0.1.1"), "ens6", Optional.empty(), Optional.empty()))
                .withRule(new Rule(1000, "10.0.1.15", "kafka-eni"));

        assertThat(new PolicyRoutingApplier(kernel).apply(spec).changed()).isFalse();
        assertThat(kernel.changes()).isEmpty();
    }

    @Test
    void duplicateAndStaleRulesForTheEniIpAreRemovedAndAWrongGatewayReplaced() {
        FakeKernelRouting kernel = new FakeKernelRouting().withLink("ens6", true, "10.0.1.15/24")
                .withRoute(new Route(100, "default", Optional.of("10.0.1.254"), "ens6", Optional.empty(), Optional.empty()))
                .withRule(new Rule(1000, "10.0.1.15", "100"))
                .withRule(new Rule(1000, "10.0.1.15", "100"))
                .withRule(new Rule(32000, "10.0.1.15", "7"))
                .withRule(new Rule(500, "10.0.9.9", "7"));

        NetworkResult result = new PolicyRoutingApplier(kernel).apply(spec);

        assertThat(result.actions()).contains("deleted rule 1000: from 10.0.1.15 lookup 100",
                "deleted rule 32000: from 10.0.1.15 lookup 7", "route default via 10.0.1.1 dev ens6 table 100");
        assertThat(kernel.currentRules()).containsExactlyInAnyOrder(new Rule(1000, "10.0.1.15", "100"), new Rule(500, "10.0.9.9", "7"));
        assertThat(kernel.currentRoutes()).contains(new Route(100, "default", Optional.of("10.0.1.1"), "ens6", Optional.empty(), Optional.empty()));
    }

    @Test
    void aMissingInterfaceIsAUsageErrorBeforeAnyChange() {
        FakeKernelRouting kernel = new FakeKernelRouting().withLink("ens5", true, "10.0.0.5/24");

        assertThatThrownBy(() -> new PolicyRoutingApplier(kernel).apply(spec)).isInstanceOf(UsageException.class)
                .hasMessageContaining("interface ens6 does not exist");
        assertThat(kernel.changes()).isEmpty();
    }
}
