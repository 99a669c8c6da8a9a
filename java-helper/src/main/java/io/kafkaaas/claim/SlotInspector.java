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
 * Judges every slot in one pass: one DescribeInstances call for all owners and ENI holders. Registration
 * look-ups cost one ZooKeeper request each, so they are made only as far as the caller needs them.
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

    /** How much of ZooKeeper's broker registrations an inspection looks at. */
    public enum Registrations {
        /** None: the claimer checks each candidate just before it writes, one request per attempt. */
        NONE,
        /** Only for slots whose owner is dead, where a registration is what still blocks a takeover. */
        DEAD_OWNERS,
        /** Every claimed slot, for status. */
        ALL
    }

    public List<SlotStatus> inspect(List<BrokerSlot> slots, Map<Integer, Claim> claims, Registrations registrations) {
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
            Optional<String> blocker = verdict.liveness() == Liveness.DEAD ? eniBlocker(slot, states) : Optional.empty();
            SlotStatus status = new SlotStatus(slot, claim, ownerState, verdict, Optional.empty(), blocker);
            boolean check = registrations == Registrations.ALL && claim.isPresent()
                    || registrations == Registrations.DEAD_OWNERS && verdict.liveness() == Liveness.DEAD;
            result.add(check ? withRegistration(status) : status);
        }
        return result;
    }

    /** Looks up the slot's broker registration; a live one blocks the takeover of a dead owner's id. */
    public SlotStatus withRegistration(SlotStatus status) {
        if (status.brokerRegistered().isPresent()) {
            return status;
        }
        boolean registered = registry.isRegistered(status.brokerId());
        Optional<String> blocker = status.blocker();
        if (registered && status.liveness() == Liveness.DEAD && blocker.isEmpty()) {
            blocker = Optional.of("a live broker is still registered at /brokers/ids/" + status.brokerId());
        }
        return new SlotStatus(status.slot(), status.claim(), status.ownerState(), status.verdict(), Optional.of(registered), blocker);
    }

    /** The EC2 state of each instance, in one DescribeInstances call; ids EC2 does not know are UNKNOWN. */
    Map<String, InstanceState> states(Set<String> instanceIds) {
        Map<String, InstanceState> known = instanceIds.isEmpty() ? Map.of() : instances.states(instanceIds);
        Map<String, InstanceState> states = new java.util.HashMap<>();
        instanceIds.forEach(id -> states.put(id, known.getOrDefault(id, InstanceState.UNKNOWN)));
        return states;
    }

    static Optional<String> eniBlocker(BrokerSlot slot, Map<String, InstanceState> states) {
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
