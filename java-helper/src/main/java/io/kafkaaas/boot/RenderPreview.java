package io.kafkaaas.boot;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.Ipv4Address;
import io.kafkaaas.network.Ipv4Subnet;
import io.kafkaaas.network.PolicyRouting;
import io.kafkaaas.network.RoutingSettings;
import io.kafkaaas.render.BrokerIdentity;
import io.kafkaaas.render.ControllerVoter;
import io.kafkaaas.render.KafkaSettings;
import io.kafkaaas.render.RenderRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A render request for a broker this plan could produce, built before any id is claimed, so that bootstrap can
 * render every template once before its first step: an undefined variable or a broken template then stops the
 * run before anything is claimed or attached. Only the facts the ENI brings (its IP, subnet and interface) are
 * stand-ins; everything else is what the real request will hold.
 */
final class RenderPreview {
    /** What the interface is called until the ENI shows it; the name only changes a file name. */
    static final String SAMPLE_INTERFACE = "eth1";
    private static final Ipv4Address SAMPLE_IP = new Ipv4Address((10 << 24) | 10);

    private RenderPreview() {
    }

    /**
     * A request for a plain broker and one for a controller, if the plan has one: the first that is valid.
     * Empty when neither is (then the facts decide, and the render step reports it).
     */
    static Optional<RenderRequest> of(BootstrapPlan plan) {
        KafkaSettings kafka = plan.render().kafka();
        List<Integer> ids = new ArrayList<>();
        IntStream.range(0, plan.brokerCount()).filter(id -> kafka.voter(id).isEmpty()).findFirst().ifPresent(ids::add);
        kafka.voters().stream().map(ControllerVoter::id).filter(id -> id < plan.brokerCount()).findFirst().ifPresent(ids::add);
        for (int id : ids) {
            try {
                return Optional.of(request(plan, id));
            } catch (UsageException e) {
                // This sample is not a broker the plan can make; try the other one.
            }
        }
        return Optional.empty();
    }

    private static RenderRequest request(BootstrapPlan plan, int id) {
        Ipv4Address ip = plan.render().kafka().voter(id).map(ControllerVoter::host)
                .or(() -> plan.routing().flatMap(RoutingSettings::subnet).map(s -> new Ipv4Address(s.network().bits() + 10)))
                .orElse(SAMPLE_IP);
        Optional<PolicyRouting> routing = plan.routing().map(r -> r.routing(SAMPLE_INTERFACE, ip,
                r.subnet().orElseGet(() -> new Ipv4Subnet(new Ipv4Address(ip.bits() & 0xFFFFFF00), 24))));
        BrokerIdentity broker = new BrokerIdentity(id, ip, Optional.of(plan.me().availabilityZone()),
                plan.logDirs().stream().map(Path::toString).toList());
        return plan.render().request(broker, routing);
    }
}
