package io.kafkaaas.claim;

import io.kafkaaas.instance.InstanceState;

import java.util.Optional;

/**
 * One slot as seen now. {@code blocker} says why a DEAD owner's id still cannot be taken over
 * (a live broker registration, or the ENI still on a live instance); empty means it can, as far as was
 * checked: {@code brokerRegistered} is empty when the registration was not looked up.
 */
public record SlotStatus(
        BrokerSlot slot,
        Optional<Claim> claim,
        InstanceState ownerState,
        OwnerLiveness.Verdict verdict,
        Optional<Boolean> brokerRegistered,
        Optional<String> blocker) {

    public int brokerId() {
        return slot.brokerId();
    }

    public Liveness liveness() {
        return verdict.liveness();
    }

    /** True only when the registration was checked too. */
    public boolean canBeTakenOver() {
        return verdict.liveness() == Liveness.DEAD && blocker.isEmpty() && brokerRegistered.isPresent();
    }

    /** "3 i-0ab (running, alive)", for one-line messages that list every slot. */
    public String describe() {
        String who = claim.map(c -> c.ownerLabel() + " (" + ownerState.apiName() + ", " + verdict.liveness().label()
                + blocker.map(b -> ", " + b).orElse("") + ")").orElse("free");
        return slot.brokerId() + " " + who + " [ENI AZ " + slot.zonesLabel() + "]";
    }
}
