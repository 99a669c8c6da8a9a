package io.kafkaaas.claim;

import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.instance.InstanceDirectory;
import io.kafkaaas.instance.InstanceState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Who holds each broker ENI, in one DescribeInstances call for all holders: what the ENI store's waits and status look at. */
public final class EniHolders {
    private final InstanceDirectory instances;

    public EniHolders(InstanceDirectory instances) {
        this.instances = instances;
    }

    /** One holding per ENI of the slots, in slot order. */
    public List<EniHolding> inspect(List<BrokerSlot> slots) {
        Set<String> holders = new TreeSet<>();
        slots.forEach(s -> s.interfaces().forEach(n -> n.attachedInstance().ifPresent(holders::add)));
        Map<String, InstanceState> states = holders.isEmpty() ? Map.of() : instances.states(holders);
        List<EniHolding> holdings = new ArrayList<>();
        for (BrokerSlot slot : slots) {
            for (NetworkInterface eni : slot.interfaces()) {
                InstanceState state = eni.attachedInstance().map(h -> states.getOrDefault(h, InstanceState.UNKNOWN))
                        .orElse(InstanceState.UNKNOWN);
                holdings.add(new EniHolding(slot.brokerId(), eni, state));
            }
        }
        return holdings;
    }
}
