package io.kafkaaas.eni;

import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.WaitStep;
import io.kafkaaas.core.ZonalLookup;
import io.kafkaaas.instance.Holder;
import io.kafkaaas.instance.InstanceDirectory;
import io.kafkaaas.instance.InstanceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The ENI rules of DESIGN.md: find it by tag in our AZ; if it is already ours, change nothing; if another
 * instance holds it, wait (bounded) until EC2 releases it and never detach it ourselves; attach it at the
 * requested device index, wait for "attached", then find its kernel interface by MAC.
 */
public final class EniAttacher {
    private static final Logger LOG = LoggerFactory.getLogger(EniAttacher.class);
    private static final String NEVER_DETACH = "kafka-aas never detaches an ENI from another instance:"
            + " stop or terminate the old broker (or detach the ENI yourself), then rerun";

    private final NetworkInterfaces enis;
    private final InstanceDirectory instances;
    private final KernelInterfaces kernel;
    private final Optional<InterfaceMetadata> metadata;
    private final ResourceWaiter waiter;

    public EniAttacher(NetworkInterfaces enis, InstanceDirectory instances, KernelInterfaces kernel,
                       Optional<InterfaceMetadata> metadata, ResourceWaiter waiter) {
        this.enis = enis;
        this.instances = instances;
        this.kernel = kernel;
        this.metadata = metadata;
        this.waiter = waiter;
    }

    public EniAttachResult attach(EniAttachRequest request) {
        String me = request.me().instanceId();
        NetworkInterface eni = ZonalLookup.pickInZone("ENI", request.eniName(), enis.findByName(request.eniName()),
                request.me().availabilityZone(), NetworkInterface::id, NetworkInterface::availabilityZone);
        String subject = "ENI " + request.eniName() + " (" + eni.id() + ")";

        boolean changed = false;
        if (eni.isAttachedTo(me)) {
            LOG.info("{} is already attached to {} at device index {}", subject, me, eni.attachment().orElseThrow().deviceIndex());
        } else {
            changed = attachWhenFree(subject, eni, request);
        }
        NetworkInterface attached = waiter.await(subject, request.timeout(), () -> attachedTo(eni.id(), me),
                "check the instance in the EC2 console; rerun when it shows the ENI attached");
        EniAttachment attachment = attached.attachment().orElseThrow();

        List<String> warnings = new ArrayList<>();
        Optional<String> iface = waiter.poll("kernel interface with MAC " + attached.macAddress(), request.interfaceTimeout(),
                () -> kernel.nameOfMac(attached.macAddress()).map(WaitStep::ready)
                        .orElseGet(() -> WaitStep.pending("not visible in /sys/class/net yet")));
        if (iface.isEmpty()) {
            warnings.add(missingInterfaceWarning(subject, attached, request.interfaceTimeout()));
        } else {
            LOG.info("{} is kernel interface {}", subject, iface.get());
        }
        // Policy routing needs the subnet's CIDR block; IMDS knows it once it lists the interface.
        Optional<String> subnetCidr = metadata.flatMap(m -> m.subnetCidrOf(attached.macAddress()));
        return new EniAttachResult(attached.id(), request.eniName(), attached.privateIp(), attached.macAddress(),
                attached.subnetId(), subnetCidr, attached.availabilityZone(), attachment.deviceIndex(),
                attachment.attachmentId(), iface, List.copyOf(warnings), changed);
    }

    /** Waits until nobody else holds the ENI and attaches it; never detaches it from anyone. */
    private boolean attachWhenFree(String subject, NetworkInterface eni, EniAttachRequest request) {
        String me = request.me().instanceId();
        return waiter.attachWhenFree(subject, request.timeout(), () -> freeFor(eni.id(), me), free -> free.isAttachedTo(me),
                () -> {
                    String attachmentId = enis.attach(eni.id(), me, request.deviceIndex());
                    LOG.info("attaching {} to {} at device index {} ({})", subject, me, request.deviceIndex(), attachmentId);
                }, NEVER_DETACH);
    }

    private WaitStep<NetworkInterface> freeFor(String eniId, String me) {
        NetworkInterface eni = describe(eniId);
        if (eni.isAttachedTo(me)) {
            return WaitStep.ready(eni);
        }
        Optional<EniAttachment> held = eni.attachment().filter(a -> !"detached".equals(a.status()));
        if (held.isEmpty()) {
            return "available".equals(eni.status()) ? WaitStep.ready(eni) : WaitStep.pending("in state " + eni.status());
        }
        String holder = held.get().instanceId();
        InstanceState state = instances.states(Set.of(holder)).getOrDefault(holder, InstanceState.UNKNOWN);
        return WaitStep.pending("attached to " + Holder.label(holder, state, held.get().status()));
    }

    private WaitStep<NetworkInterface> attachedTo(String eniId, String me) {
        NetworkInterface eni = describe(eniId);
        Optional<EniAttachment> attachment = eni.attachment();
        if (attachment.isPresent() && attachment.get().instanceId().equals(me)) {
            return "attached".equals(attachment.get().status()) ? WaitStep.ready(eni)
                    : WaitStep.pending(attachment.get().status() + " to " + me);
        }
        if (attachment.isPresent() && !Set.of("detaching", "detached").contains(attachment.get().status())) {
            throw new KafkaAasException(ExitCode.DATA_SAFETY, "ENI " + eni.name() + " (" + eniId + ") was attached to "
                    + attachment.get().instanceId() + " instead of " + me + "; another instance claims the same broker id,"
                    + " check the claims with 'kafka-aas status'");
        }
        return WaitStep.pending("not attached to " + me + " yet (" + eni.status() + ")");
    }

    private NetworkInterface describe(String eniId) {
        return enis.describe(eniId).orElseThrow(() -> new KafkaAasException(ExitCode.USAGE,
                "ENI " + eniId + " disappeared while we attached it; check who deletes the broker ENIs"));
    }

    private String missingInterfaceWarning(String subject, NetworkInterface eni, Duration waited) {
        String imds = metadata.map(m -> {
            try {
                OptionalInt number = m.deviceNumberOf(eni.macAddress());
                return number.isPresent() ? "; IMDS lists it as device-number " + number.getAsInt()
                        : "; IMDS does not list it yet";
            } catch (KafkaAasException e) {
                return "; IMDS did not answer either";
            }
        }).orElse("");
        return subject + " is attached but no kernel interface has MAC " + eni.macAddress() + " after "
                + waited.toSeconds() + " s" + imds + "; the network step will fail until it appears"
                + " (check the ENA/ixgbevf driver and dmesg)";
    }
}
