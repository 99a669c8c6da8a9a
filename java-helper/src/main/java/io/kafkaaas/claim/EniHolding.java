package io.kafkaaas.claim;

import io.kafkaaas.eni.EniAttachment;
import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.instance.Holder;
import io.kafkaaas.instance.InstanceState;

import java.util.Optional;
import java.util.Set;

/**
 * One broker ENI and who holds it, as EC2 reports them now: with the ENI claim store this is the claim itself.
 * holderState is UNKNOWN when the ENI is free or EC2 does not know the holder.
 */
public record EniHolding(int brokerId, NetworkInterface eni, InstanceState holderState) {
    private static final Set<String> LETTING_GO = Set.of("detaching", "detached");

    /** Nobody holds it: EC2 would attach it to the first instance that asks. */
    public static boolean isFree(NetworkInterface eni) {
        return liveAttachment(eni).isEmpty() && "available".equals(eni.status());
    }

    /** Attached to the instance, and not on its way off it. */
    public static boolean isHeldBy(NetworkInterface eni, String instanceId) {
        return liveAttachment(eni).map(a -> a.instanceId().equals(instanceId)).orElse(false);
    }

    private static Optional<EniAttachment> liveAttachment(NetworkInterface eni) {
        return eni.attachment().filter(a -> !LETTING_GO.contains(a.status()));
    }

    public boolean isFree() {
        return isFree(eni);
    }

    public Optional<String> holder() {
        return eni.attachedInstance();
    }

    /**
     * Rule 4: EC2 is about to release it: the holder is shutting down or terminated, or the attachment is already
     * detaching. Worth waiting for; never worth detaching.
     */
    public boolean isBeingReleased() {
        return eni.attachment().isPresent()
                && (holderState.isGone() || LETTING_GO.contains(eni.attachment().get().status()));
    }

    /** The holder as status reports it: absent, alive (running, stopped, pending, unknown to EC2...) or dead. */
    public Liveness liveness() {
        if (eni.attachment().isEmpty()) {
            return Liveness.ABSENT;
        }
        return holderState.isGone() ? Liveness.DEAD : Liveness.ALIVE;
    }

    /** "i-0cd (shutting-down; attachment attached)", or "free". */
    public String holderLabel() {
        return eni.attachment().map(a -> Holder.label(a.instanceId(), holderState, a.status())).orElse("free");
    }

    /** "2 i-0cd (running, a live instance; attachment attached) [ENI eni-0ab in us-east-1a]", for messages that list every slot. */
    public String describe() {
        return brokerId + " " + holderLabel() + " [ENI " + eni.id() + " in " + eni.availabilityZone() + "]";
    }
}
