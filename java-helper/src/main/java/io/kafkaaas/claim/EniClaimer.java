package io.kafkaaas.claim;

import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.ResourceBusyException;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.WaitStep;
import io.kafkaaas.eni.EniAttachment;
import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.eni.NetworkInterfaces;
import io.kafkaaas.instance.InstanceIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ENI claim store (DESIGN.md, "Claiming a broker id"; rules as numbered in the README): EC2 attaches a network
 * interface to one instance at a time, so attaching the ENI tagged {@code <prefix><id>} at the configured device
 * index is the claim, and EC2's own refusal ({@code InvalidNetworkInterface.InUse}) is the lock. Nothing else is
 * written anywhere, nothing is ever detached from another instance, and termination releases the claim. An ENI
 * whose holder is dying (EC2: shutting-down, terminated) or leaving (EC2: running, but its Auto Scaling group is
 * terminating it: its termination hook stops Kafka first) is waited for, bounded by the timeout; never detached.
 */
public final class EniClaimer implements IdClaimer {
    private static final Logger LOG = LoggerFactory.getLogger(EniClaimer.class);

    private final NetworkInterfaces enis;
    private final SlotCatalog catalog;
    private final EniHolders holders;
    private final LeavingInstances leaving;
    private final ResourceWaiter waiter;
    private final int deviceIndex;
    private final Duration timeout;

    /**
     * @param deviceIndex where the claim attaches the ENI: the same index the attach-eni step uses, so that the
     *                    step finds it attached and changes nothing
     * @param leaving     asked only when the claim would otherwise be exit 3: which live holders their group is terminating
     * @param timeout     how long to wait for ENIs that dying or leaving instances still hold (rule 4) before exit 4
     */
    public EniClaimer(NetworkInterfaces enis, SlotCatalog catalog, EniHolders holders, LeavingInstances leaving,
                      ResourceWaiter waiter, int deviceIndex, Duration timeout) {
        this.enis = enis;
        this.catalog = catalog;
        this.holders = holders;
        this.leaving = leaving;
        this.waiter = waiter;
        this.deviceIndex = deviceIndex;
        this.timeout = timeout;
    }

    @Override
    public ClaimResult claim(InstanceIdentity me, int brokerCount) {
        return new Run(me, brokerCount).claim();
    }

    /** One claim: what this run attached is remembered, because rule 5 may detach only that. */
    private final class Run {
        private final InstanceIdentity me;
        private final int brokerCount;
        /** Every ENI this run asked EC2 to attach; any of them may have landed, whatever the answer said. */
        private final Set<String> attempted = new LinkedHashSet<>();
        /** ENI id to the dying or leaving instance we saw holding it: named as takenOverFrom when we win it. */
        private final Map<String, String> dyingHolders = new HashMap<>();
        private List<BrokerSlot> listing;
        private boolean uncertain;

        Run(InstanceIdentity me, int brokerCount) {
            this.me = me;
            this.brokerCount = brokerCount;
        }

        ClaimResult claim() {
            listing = catalog.slots(brokerCount);

            // Rule 1: an ENI of ours already attached here is our id; a re-run or a reboot attaches nothing.
            List<Held> mine = heldByMe(listing);
            if (!mine.isEmpty()) {
                return settle(mine);
            }

            // Rule 2: only ids whose ENI is in our AZ, lowest first; an ENI cannot cross AZs.
            if (listing.stream().noneMatch(s -> s.isEligibleIn(me.availabilityZone()))) {
                throw new NoFreeBrokerIdException("no broker id is eligible for " + me.instanceId() + " in "
                        + me.availabilityZone() + ": no ENI tagged " + catalog.tagPrefix() + "0.." + catalog.tagPrefix()
                        + (brokerCount - 1) + " is in that AZ (" + slotZones(listing)
                        + "); create the ENIs there or launch the instance in their AZ");
            }
            return waiter.await("a free broker ENI for " + me.instanceId() + " in " + me.availabilityZone(), timeout,
                    this::tryOnce, "the ENIs are released when their instances finish terminating (a leaving instance"
                            + " first finishes its termination hook: kafka-aas-termination-watch completes it, or its"
                            + " HeartbeatTimeout runs out); check them in the EC2 console, kafka-aas never detaches an ENI"
                            + " from another instance");
        }

        /**
         * One pass: attach the free ENIs lowest first until one attach wins. When none does, look again: an attach
         * whose answer was lost may have landed (rule 3); ENIs of dying or leaving instances are worth waiting for (rule 4);
         * anything else is exit 3 (rule 6).
         */
        private WaitStep<ClaimResult> tryOnce() {
            List<BrokerSlot> slots = listing == null ? catalog.slots(brokerCount) : listing;
            listing = null;
            List<Held> mine = heldByMe(slots);
            if (!mine.isEmpty()) {
                return WaitStep.ready(settle(mine));
            }

            // Rule 3: the attach is the claim; InUse means another instance won that id, so move on.
            boolean attachedAny = false;
            for (BrokerSlot slot : slots) {
                Optional<NetworkInterface> eni = slot.interfaceIn(me.availabilityZone());
                if (eni.isEmpty() || !EniHolding.isFree(eni.get())) {
                    continue;
                }
                attachedAny = true;
                Optional<ClaimResult> claimed = attach(slot.brokerId(), eni.get());
                if (claimed.isPresent()) {
                    return WaitStep.ready(claimed.get());
                }
            }
            if (attachedAny) {
                // Every free ENI was taken under us: look again shortly, with a fresh listing.
                return WaitStep.pending("taken by other instances as fast as we tried them");
            }

            // Rule 4: nothing is free; ENIs that dying instances hold will be released by EC2, the others never.
            List<EniHolding> holdings = holders.inspect(slots);
            List<EniHolding> releasing = holdings.stream()
                    .filter(h -> h.eni().availabilityZone().equals(me.availabilityZone()) && h.isBeingReleased())
                    .toList();
            if (releasing.isEmpty()) {
                // Rule 4, leaving: a live holder its group is terminating becomes dying once its hook is done. Asked only here.
                List<String> leavingHolders = leavingHolders(holdings);
                if (leavingHolders.isEmpty()) {
                    throw noFreeId(holdings);
                }
                return WaitStep.pending("held by leaving instances (terminating in their Auto Scaling group, still"
                        + " running to EC2): " + String.join(", ", leavingHolders));
            }
            releasing.forEach(h -> h.holder().ifPresent(holder -> dyingHolders.put(h.eni().id(), holder)));
            return WaitStep.pending("held by dying instances: "
                    + releasing.stream().map(EniHolding::describe).collect(Collectors.joining(", ")));
        }

        /**
         * The ENIs in our AZ whose holder EC2 reports running (pending, stopping) and whose group is terminating it, as
         * "1 i-0cd (running, a live instance; attachment attached) [ENI eni-0ab in us-east-1a] in Terminating:Wait";
         * empty when there are none, or when the look-up failed (then one line says so, and the claim ends in exit 3
         * as it would without the look-up: no wait on a guess).
         */
        private List<String> leavingHolders(List<EniHolding> holdings) {
            List<EniHolding> candidates = holdings.stream()
                    .filter(h -> h.eni().availabilityZone().equals(me.availabilityZone()) && h.holder().isPresent()
                            && !h.isFree() && LeavingInstances.mayBeLeaving(h.holderState()))
                    .toList();
            if (candidates.isEmpty()) {
                return List.of();
            }
            Set<String> ids = candidates.stream().map(h -> h.holder().orElseThrow()).collect(Collectors.toCollection(LinkedHashSet::new));
            // Empty when none is leaving, or when the look-up failed (LeavingInstances said so): exit 3 as without it.
            Map<String, String> leavingNow = leaving.find(ids);
            List<String> described = new ArrayList<>();
            for (EniHolding h : candidates) {
                String state = leavingNow.get(h.holder().orElseThrow());
                if (state != null) {
                    dyingHolders.put(h.eni().id(), h.holder().orElseThrow());
                    described.add(h.describe() + " in " + state);
                }
            }
            return described;
        }

        /** @return the claim when this attach won the ENI (or turned out to hold one); empty when another instance holds it. */
        private Optional<ClaimResult> attach(int brokerId, NetworkInterface eni) {
            attempted.add(eni.id());
            String subject = "ENI " + eni.name() + " (" + eni.id() + ")";
            String attachmentId;
            try {
                attachmentId = enis.attach(eni.id(), me.instanceId(), deviceIndex);
            } catch (ResourceBusyException busy) {
                // Also the answer to the SDK's retry of an attach of ours that landed: the next listing settles that.
                uncertain = true;
                LOG.debug("{} was taken while {} attached it ({})", subject, me.instanceId(), busy.getMessage());
                return Optional.empty();
            } catch (KafkaAasException failed) {
                // The answer was lost, or the attach refused (say the device index holds an ENI of ours that landed).
                uncertain = true;
                List<Held> mine = heldByMe(catalog.slots(brokerCount));
                if (mine.isEmpty()) {
                    throw failed;
                }
                LOG.info("attaching {} failed ({}), but {} holds a broker ENI already; settling on that", subject,
                        failed.getMessage(), me.instanceId());
                return Optional.of(settle(mine));
            }
            LOG.info("{} claimed broker id {} by attaching {} at device index {} ({})", me.instanceId(), brokerId,
                    subject, deviceIndex, attachmentId);
            if (!uncertain) {
                return Optional.of(won(brokerId, eni));
            }
            // An earlier attach of this run may have landed after all: look once, and keep the lowest (rule 5).
            List<Held> mine = new ArrayList<>(heldByMe(catalog.slots(brokerCount)));
            if (mine.stream().noneMatch(h -> h.eni().id().equals(eni.id()))) {
                // DescribeNetworkInterfaces may not show the attachment yet; the attach answer is proof enough.
                mine.add(new Held(brokerId, new NetworkInterface(eni.id(), eni.name(), eni.availabilityZone(),
                        eni.subnetId(), eni.privateIp(), eni.macAddress(), "in-use",
                        Optional.of(new EniAttachment(attachmentId, me.instanceId(), deviceIndex, "attaching")))));
            }
            return Optional.of(settle(mine));
        }

        private ClaimResult won(int brokerId, NetworkInterface eni) {
            return new ClaimResult(brokerId, true, Optional.of(eni.id()), Optional.ofNullable(dyingHolders.get(eni.id())));
        }

        /** Rules 1 and 5: of the broker ENIs attached here, the lowest id is ours; one this run attached too is let go. */
        private ClaimResult settle(List<Held> mine) {
            List<Held> sorted = mine.stream().sorted(Comparator.comparingInt(Held::brokerId)).toList();
            Held kept = sorted.get(0);
            for (Held extra : sorted.subList(1, sorted.size())) {
                if (attempted.contains(extra.eni().id())) {
                    detachOwnExtra(kept, extra);
                } else {
                    LOG.warn("{} holds ENI {} ({}) of broker id {} besides {} of broker id {}; it was attached before"
                                    + " this run, so it is left as it is: detach it by hand if it should not be here",
                            me.instanceId(), extra.eni().name(), extra.eni().id(), extra.brokerId(), kept.eni().name(),
                            kept.brokerId());
                }
            }
            boolean attachedNow = attempted.contains(kept.eni().id());
            if (!attachedNow) {
                LOG.info("{} already holds broker id {} (ENI {} attached here)", me.instanceId(), kept.brokerId(),
                        kept.eni().id());
            }
            return attachedNow ? won(kept.brokerId(), kept.eni())
                    : new ClaimResult(kept.brokerId(), false, Optional.of(kept.eni().id()), Optional.empty());
        }

        /**
         * Rule 5, the one detach the ENI store ever makes: an ENI attached to this very instance by this very run,
         * next to a lower one it also holds (a lost answer that landed, then a retry elsewhere). Never another
         * instance's ENI, never one that was here before the run.
         */
        private void detachOwnExtra(Held kept, Held extra) {
            if (!EniHolding.isHeldBy(extra.eni(), me.instanceId()) || !attempted.contains(extra.eni().id())) {
                throw new IllegalStateException("refusing to detach " + extra.eni().id() + ": not attached here by this run");
            }
            String attachmentId = extra.eni().attachment().orElseThrow().attachmentId();
            LOG.warn("{} holds two broker ENIs, {} (id {}) and {} (id {}); keeping the lowest and detaching {} ({}),"
                            + " which this run attached", me.instanceId(), kept.eni().name(), kept.brokerId(),
                    extra.eni().name(), extra.brokerId(), extra.eni().id(), attachmentId);
            enis.detach(attachmentId);
        }

        private List<Held> heldByMe(List<BrokerSlot> slots) {
            List<Held> mine = new ArrayList<>();
            for (BrokerSlot slot : slots) {
                for (NetworkInterface eni : slot.interfaces()) {
                    if (EniHolding.isHeldBy(eni, me.instanceId())) {
                        mine.add(new Held(slot.brokerId(), eni));
                    }
                }
            }
            return mine;
        }

        /** Rule 6: no guessing, no random sleep; every slot, its holder and the holder's state. */
        private NoFreeBrokerIdException noFreeId(List<EniHolding> holdings) {
            Map<Integer, List<EniHolding>> bySlot = holdings.stream()
                    .collect(Collectors.groupingBy(EniHolding::brokerId));
            List<String> slots = new ArrayList<>();
            for (int id = 0; id < brokerCount; id++) {
                List<EniHolding> of = bySlot.getOrDefault(id, List.of());
                slots.add(of.isEmpty() ? id + " no ENI tagged " + catalog.tagPrefix() + id
                        : of.stream().map(EniHolding::describe).collect(Collectors.joining(", ")));
            }
            return new NoFreeBrokerIdException("no free broker id for " + me.instanceId() + " in " + me.availabilityZone()
                    + " (broker-count " + brokerCount + ", claim store eni): every broker ENI in that AZ is attached to"
                    + " a live instance; slots: " + String.join("; ", slots) + ". Terminate a stale instance (its ENI is"
                    + " released when it terminates), or raise --broker-count with a new ENI and volume");
        }
    }

    private record Held(int brokerId, NetworkInterface eni) {
    }

    private static String slotZones(List<BrokerSlot> slots) {
        return slots.stream().map(s -> s.brokerId() + " in " + s.zonesLabel()).collect(Collectors.joining(", "));
    }
}
