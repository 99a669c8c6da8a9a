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
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** EBS volumes in memory, with the in-use semantics moto lacks (see {@link FakeNetworkInterfaces}). */
public final class FakeVolumes implements Volumes {
    private final Map<String, Volume> volumes = new ConcurrentSkipListMap<>();
    private final Map<String, Instant> releases = new ConcurrentHashMap<>();
    private final AtomicInteger attachCalls = new AtomicInteger();
    private final List<String> marks = new ArrayList<>();
    private volatile Clock clock = Clock.systemUTC();
    private volatile Consumer<String> onAttach = device -> { };
    private volatile RuntimeException tagFailure;

    public FakeVolumes withClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** A 10 GiB volume, never snapshotted, without tags but its Name. */
    public Volume add(String id, String name, String az) {
        Volume v = new Volume(id, name, az, "available", 10, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        volumes.put(id, v);
        return v;
    }

    public void markFormattedAlready(String id, String value) {
        update(id, v -> new Volume(v.id(), v.name(), v.availabilityZone(), v.state(), v.sizeGiB(), v.snapshotId(),
                Optional.of(value), v.fsUuidMark(), v.attachments()));
    }

    public void recordUuidAlready(String id, String uuid) {
        update(id, v -> new Volume(v.id(), v.name(), v.availabilityZone(), v.state(), v.sizeGiB(), v.snapshotId(),
                v.formattedMark(), Optional.of(uuid), v.attachments()));
    }

    public void fromSnapshot(String id, String snapshotId) {
        update(id, v -> new Volume(v.id(), v.name(), v.availabilityZone(), v.state(), v.sizeGiB(), Optional.of(snapshotId),
                v.formattedMark(), v.fsUuidMark(), v.attachments()));
    }

    /** Runs when AttachVolume succeeds, with the device name: how a test makes a device appear. */
    public void onAttach(Consumer<String> action) {
        this.onAttach = action;
    }

    /** The next tag writes fail, as a throttled or unreachable EC2 would make them. */
    public void tagWritesFail(RuntimeException failure) {
        this.tagFailure = failure;
    }

    private synchronized void update(String id, UnaryOperator<Volume> change) {
        volumes.put(id, change.apply(volumes.get(id)));
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
        onAttach.accept(device);
    }

    @Override
    public synchronized void recordFormat(String volumeId, String formattedValue, String fsUuid) {
        failTagWriteIfAsked();
        marks.add(volumeId + "=" + formattedValue);
        markFormattedAlready(volumeId, formattedValue);
        recordUuidAlready(volumeId, fsUuid);
    }

    @Override
    public synchronized void recordFilesystemUuid(String volumeId, String fsUuid) {
        failTagWriteIfAsked();
        marks.add(volumeId + " fs-uuid=" + fsUuid);
        recordUuidAlready(volumeId, fsUuid);
    }

    private void failTagWriteIfAsked() {
        RuntimeException failure = tagFailure;
        tagFailure = null;
        if (failure != null) {
            throw failure;
        }
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
                v.sizeGiB(), v.snapshotId(), v.formattedMark(), v.fsUuidMark(), attachments));
    }
}
