package io.kafkaaas.claim;

import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.instance.InstanceDirectory;
import io.kafkaaas.instance.InstanceState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges every slot in one pass: one DescribeInstances call for all owners and ENI holders, and
 * registration look-ups only where they can change the answer (or for every slot, for {@code status}).
 */
public final class SlotInspector {
    private final InstanceDirectory instances;
    private final BrokerRegistry registry;
    private final OwnerLiveness liveness;

    public SlotInspector(InstanceDirectory instances, BrokerRegistry registry, OwnerLiveness liveness) {
        this.instances = instances;
        this.registry = registry;
        this.liveness = liveness;
    }

    public List<SlotStatus> inspect(List<BrokerSlot> slots, Map<Integer, Claim> claims, boolean registrationsForAll) {
        Set<String> ids = new TreeSet<>();
        for (BrokerSlot slot : slots) {
            Claim claim = claims.get(slot.brokerId());
            if (claim != null && claim.data().isPresent()) {
                ids.add(claim.data().get().instanceId());
            }
            slot.interfaces().forEach(n -> n.attachedInstance().ifPresent(ids::add));
        }
        Map<String, InstanceState> states = ids.isEmpty() ? Map.of() : instances.states(ids);

        List<SlotStatus> result = new ArrayList<>(slots.size());
        for (BrokerSlot slot : slots) {
            Optional<Claim> claim = Optional.ofNullable(claims.get(slot.brokerId()));
            InstanceState ownerState = claim.flatMap(Claim::data)
                    .map(d -> states.getOrDefault(d.instanceId(), InstanceState.UNKNOWN))
                    .orElse(InstanceState.UNKNOWN);
            OwnerLiveness.Verdict verdict = claim.map(c -> liveness.judge(c, ownerState))
                    .orElse(new OwnerLiveness.Verdict(Liveness.ABSENT, "no claim"));

            Optional<Boolean> registered = Optional.empty();
            Optional<String> blocker = Optional.empty();
            if (verdict.liveness() == Liveness.DEAD || (registrationsForAll && claim.isPresent())) {
                registered = Optional.of(registry.isRegistered(slot.brokerId()));
            }
            if (verdict.liveness() == Liveness.DEAD) {
                blocker = blockerOf(slot, registered.orElse(false), states);
            }
            result.add(new SlotStatus(slot, claim, ownerState, verdict, registered, blocker));
        }
        return result;
    }

    private static Optional<String> blockerOf(BrokerSlot slot, boolean registered, Map<String, InstanceState> states) {
        if (registered) {
            return Optional.of("a live broker is still registered at /brokers/ids/" + slot.brokerId());
        }
        for (NetworkInterface eni : slot.interfaces()) {
            Optional<String> holder = eni.attachedInstance();
            if (holder.isPresent()) {
                InstanceState state = states.getOrDefault(holder.get(), InstanceState.UNKNOWN);
                if (!state.isGone()) {
                    return Optional.of("ENI " + eni.id() + " is attached to " + holder.get() + " (" + state.apiName() + ")");
                }
            }
        }
        return Optional.empty();
    }
}
