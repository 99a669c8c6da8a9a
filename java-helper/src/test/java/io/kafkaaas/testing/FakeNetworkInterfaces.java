package io.kafkaaas.testing;

import io.kafkaaas.core.BrokerTags;
import io.kafkaaas.core.ResourceBusyException;
import io.kafkaaas.eni.EniAttachment;
import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.eni.NetworkInterfaces;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cluster's ENIs in memory, keyed by ENI id. Unlike moto it models what matters for attach: an attach of an
 * ENI in use is refused, an attachment completes asynchronously (attaching, then attached on the next look),
 * and an ENI held by a dying instance can be scheduled to be released at a given (fake) time.
 */
public final class FakeNetworkInterfaces implements NetworkInterfaces {
    private final Map<String, NetworkInterface> enis = new ConcurrentSkipListMap<>();
    private final Map<String, Instant> releases = new ConcurrentHashMap<>();
    private final AtomicInteger attachCalls = new AtomicInteger();
    private final AtomicInteger detachCalls = new AtomicInteger();
    private volatile Clock clock = Clock.systemUTC();
    private volatile String stealOnNextAttachBy;
    private volatile boolean loseNextAttachAnswer;

    /** Adds ENIs tagged prefix0..prefix(count-1) in one AZ, with ids eni-&lt;az&gt;-&lt;n&gt;. */
    public FakeNetworkInterfaces addBrokerEnis(String prefix, int count, String az) {
        for (int i = 0; i < count; i++) {
            add(prefix, i, az);
        }
        return this;
    }

    public FakeNetworkInterfaces withClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public NetworkInterface add(String prefix, int brokerId, String az) {
        String id = "eni-" + az + "-" + brokerId;
        NetworkInterface eni = new NetworkInterface(id, BrokerTags.nameFor(prefix, brokerId), az, "subnet-" + az,
                "10.0." + Math.abs(az.hashCode() % 200) + "." + (10 + brokerId),
                String.format("02:00:00:00:%02x:%02x", Math.abs(az.hashCode() % 256), brokerId), "available", Optional.empty());
        enis.put(id, eni);
        return eni;
    }

    /** Marks the ENI attached (status attached) to an instance, as if another boot had attached it. */
    public void attach(String eniId, String instanceId) {
        setAttachment(eniId, Optional.of(new EniAttachment("eni-attach-" + eniId + "-" + instanceId, instanceId, 1, "attached")));
    }

    /** From this (fake) time on, EC2 reports the ENI detached and available again. */
    public void releaseAt(String eniId, Instant when) {
        releases.put(eniId, when);
    }

    /** The next attach call finds the ENI just taken by another instance (the race between look and attach). */
    public void stealOnNextAttach(String instanceId) {
        this.stealOnNextAttachBy = instanceId;
    }

    /**
     * The next attach lands, but its answer is lost and the SDK's retry of it is refused as "in use" (by us): what a
     * 5xx after a successful AttachNetworkInterface looks like to the caller.
     */
    public void loseNextAttachAnswer() {
        this.loseNextAttachAnswer = true;
    }

    public int attachCalls() {
        return attachCalls.get();
    }

    /** Only the ENI claim store's rule 5 detaches, and only its own extra ENI. */
    public int detachCalls() {
        return detachCalls.get();
    }

    public NetworkInterface get(String eniId) {
        applyReleases();
        return enis.get(eniId);
    }

    @Override
    public List<NetworkInterface> findByNamePrefix(String prefix) {
        applyReleases();
        return enis.values().stream().filter(n -> n.name().startsWith(prefix)).toList();
    }

    @Override
    public List<NetworkInterface> findByName(String name) {
        applyReleases();
        return enis.values().stream().filter(n -> n.name().equals(name)).toList();
    }

    @Override
    public Optional<NetworkInterface> describe(String eniId) {
        applyReleases();
        NetworkInterface eni = enis.get(eniId);
        if (eni == null) {
            return Optional.empty();
        }
        // EC2 completes an attachment asynchronously: report "attaching" once, then "attached".
        if (eni.attachment().map(a -> a.status().equals("attaching")).orElse(false)) {
            EniAttachment a = eni.attachment().get();
            setAttachment(eniId, Optional.of(new EniAttachment(a.attachmentId(), a.instanceId(), a.deviceIndex(), "attached")));
        }
        return Optional.of(eni);
    }

    @Override
    public synchronized String attach(String eniId, String instanceId, int deviceIndex) {
        attachCalls.incrementAndGet();
        applyReleases();
        if (stealOnNextAttachBy != null) {
            attach(eniId, stealOnNextAttachBy);
            stealOnNextAttachBy = null;
        }
        NetworkInterface eni = enis.get(eniId);
        if (eni.attachment().isPresent()) {
            throw new ResourceBusyException("InvalidNetworkInterface.InUse: Interface: [" + eniId + "] in use.", null);
        }
        String attachmentId = "eni-attach-" + attachCalls.get();
        setAttachment(eniId, Optional.of(new EniAttachment(attachmentId, instanceId, deviceIndex, "attaching")));
        if (loseNextAttachAnswer) {
            loseNextAttachAnswer = false;
            throw new ResourceBusyException("InvalidNetworkInterface.InUse: Interface: [" + eniId + "] in use.", null);
        }
        return attachmentId;
    }

    /** Detaches at once (EC2 goes through detaching; nothing here waits on that). */
    @Override
    public synchronized void detach(String attachmentId) {
        detachCalls.incrementAndGet();
        NetworkInterface eni = enis.values().stream()
                .filter(n -> n.attachment().map(a -> a.attachmentId().equals(attachmentId)).orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("InvalidAttachmentID.NotFound: " + attachmentId));
        setAttachment(eni.id(), Optional.empty());
    }

    private void applyReleases() {
        releases.forEach((id, when) -> {
            if (!clock.instant().isBefore(when)) {
                setAttachment(id, Optional.empty());
                releases.remove(id);
            }
        });
    }

    private void setAttachment(String eniId, Optional<EniAttachment> attachment) {
        NetworkInterface e = enis.get(eniId);
        enis.put(eniId, new NetworkInterface(e.id(), e.name(), e.availabilityZone(), e.subnetId(), e.privateIp(),
                e.macAddress(), attachment.isPresent() ? "in-use" : "available", attachment));
    }
}
