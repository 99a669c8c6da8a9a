package io.kafkaaas.testing;

import io.kafkaaas.core.ResourceBusyException;
import io.kafkaaas.volume.Volume;
import io.kafkaaas.volume.VolumeAttachment;
import io.kafkaaas.volume.Volumes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/** EBS volumes in memory, with the in-use semantics moto lacks (see {@link FakeNetworkInterfaces}). */
public final class FakeVolumes implements Volumes {
    private final Map<String, Volume> volumes = new ConcurrentSkipListMap<>();
    private final Map<String, Instant> releases = new ConcurrentHashMap<>();
    private final AtomicInteger attachCalls = new AtomicInteger();
    private final List<String> marks = new ArrayList<>();
    private volatile Clock clock = Clock.systemUTC();

    public FakeVolumes withClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public Volume add(String id, String name, String az) {
        Volume v = new Volume(id, name, az, "available", Optional.empty(), List.of());
        volumes.put(id, v);
        return v;
    }

    public void markFormattedAlready(String id, String value) {
        Volume v = volumes.get(id);
        volumes.put(id, new Volume(v.id(), v.name(), v.availabilityZone(), v.state(), Optional.of(value), v.attachments()));
    }

    public void attachTo(String id, String instanceId, String device) {
        set(id, List.of(new VolumeAttachment(instanceId, device, "attached")));
    }

    public void releaseAt(String id, Instant when) {
        releases.put(id, when);
    }

    public int attachCalls() {
        return attachCalls.get();
    }

    public synchronized List<String> marks() {
        return List.copyOf(marks);
    }

    public Volume get(String id) {
        applyReleases();
        return volumes.get(id);
    }

    @Override
    public List<Volume> findByName(String name) {
        applyReleases();
        return volumes.values().stream().filter(v -> name.equals(v.name())).toList();
    }

    @Override
    public Optional<Volume> describe(String volumeId) {
        applyReleases();
        Volume v = volumes.get(volumeId);
        if (v == null) {
            return Optional.empty();
        }
        if (v.attachments().stream().anyMatch(a -> a.state().equals("attaching"))) {
            VolumeAttachment a = v.attachments().get(0);
            set(volumeId, List.of(new VolumeAttachment(a.instanceId(), a.device(), "attached")));
        }
        return Optional.of(v);
    }

    @Override
    public synchronized void attach(String volumeId, String instanceId, String device) {
        attachCalls.incrementAndGet();
        applyReleases();
        Volume v = volumes.get(volumeId);
        if (!v.attachments().isEmpty()) {
            throw new ResourceBusyException("VolumeInUse: " + volumeId + " is already attached to an instance", null);
        }
        set(volumeId, List.of(new VolumeAttachment(instanceId, device, "attaching")));
    }

    @Override
    public synchronized void markFormatted(String volumeId, String value) {
        marks.add(volumeId + "=" + value);
        markFormattedAlready(volumeId, value);
    }

    private void applyReleases() {
        releases.forEach((id, when) -> {
            if (!clock.instant().isBefore(when)) {
                set(id, List.of());
                releases.remove(id);
            }
        });
    }

    private void set(String id, List<VolumeAttachment> attachments) {
        Volume v = volumes.get(id);
        volumes.put(id, new Volume(v.id(), v.name(), v.availabilityZone(), attachments.isEmpty() ? "available" : "in-use",
                v.formattedMark(), attachments));
    }
}
