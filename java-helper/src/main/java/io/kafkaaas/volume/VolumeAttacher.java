package io.kafkaaas.volume;

import io.kafkaaas.core.DataSafetyException;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.core.WaitStep;
import io.kafkaaas.core.ZonalLookup;
import io.kafkaaas.instance.Holder;
import io.kafkaaas.instance.InstanceDirectory;
import io.kafkaaas.instance.InstanceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The EBS rules of DESIGN.md ("EBS volume: data safety comes first"), in order:
 * <ol>
 *   <li>check everything local before the first side effect: the mount point (a directory, empty unless our volume
 *       is mounted there), the log directories on it, mkfs and blkid, the Kafka user and group;</li>
 *   <li>find the volume by tag in our AZ (another AZ is an error, never a snapshot-and-recreate);</li>
 *   <li>wait while a dying instance still holds it, never detach it; attach it, noting which device paths existed
 *       before the call;</li>
 *   <li>prove which block device is this volume ({@link DeviceLocator});</li>
 *   <li>let {@link FormatGuard} decide about mkfs and the UUID recorded on the volume;</li>
 *   <li>mount it by UUID ({@link VolumeMounter}), never over files;</li>
 *   <li>check that every log directory is on the volume (no symbolic link on the way) and that its meta.properties
 *       names the claimed id ({@link BrokerIdentityCheck});</li>
 *   <li>only then record the UUID of an adopted filesystem, give the log directories to the Kafka user, write fstab.</li>
 * </ol>
 */
public final class VolumeAttacher {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeAttacher.class);
    private static final String NEVER_DETACH = "kafka-aas never detaches a volume from another instance:"
            + " stop or terminate the old broker (or detach the volume yourself), then rerun";
    private static final Set<String> UNUSABLE_STATES = Set.of("deleting", "deleted", "error");

    private final Volumes volumes;
    private final InstanceDirectory instances;
    private final BlockDevices devices;
    private final Mounts mounts;
    private final ResourceWaiter waiter;
    private final DeviceLocator locator;
    private final FormatGuard formatGuard;
    private final VolumeMounter mounter;
    private final BrokerIdentityCheck identityCheck;
    private final DirectoryOwners owners;

    public VolumeAttacher(Volumes volumes, InstanceDirectory instances, BlockDevices devices, Mounts mounts,
                          MetaProperties metaProperties, DirectoryOwners owners, ResourceWaiter waiter) {
        this.volumes = volumes;
        this.instances = instances;
        this.devices = devices;
        this.mounts = mounts;
        this.waiter = waiter;
        this.owners = owners;
        this.locator = new DeviceLocator(devices, mounts, waiter);
        this.formatGuard = new FormatGuard(devices, volumes, waiter.clock());
        this.mounter = new VolumeMounter(mounts, devices);
        this.identityCheck = new BrokerIdentityCheck(metaProperties);
    }

    public VolumeResult attach(VolumeRequest request) {
        String me = request.me().instanceId();
        checkLocalInput(request);
        Volume volume = ZonalLookup.pickInZone("volume", request.volumeName(), volumes.findByName(request.volumeName()),
                request.me().availabilityZone(), Volume::id, Volume::availabilityZone);
        String subject = "volume " + request.volumeName() + " (" + volume.id() + ")";
        if (UNUSABLE_STATES.contains(volume.state())) {
            throw new UsageException(subject + " is " + volume.state() + "; restore the broker's volume from a snapshot"
                    + " and tag it Name=" + request.volumeName());
        }
        boolean attachedAtStart = volume.attachmentTo(me).isPresent();
        if (!attachedAtStart) {
            checkMountPointFree(subject, request);
        }

        DeviceLocator.Appearance appearance = attachedAtStart ? DeviceLocator.Appearance.alreadyAttached()
                : new DeviceLocator.Appearance(false, locator.presentNow(request.device()));
        boolean attachedNow = !attachedAtStart && attachWhenFree(subject, volume, request);
        Volume attached = waiter.await(subject, request.timeout(), () -> attachedTo(volume.id(), me),
                "check the instance in the EC2 console; rerun when it shows the volume attached");
        String attachedAs = attached.attachmentTo(me).orElseThrow().device();

        if (!request.mounts()) {
            Optional<Path> device = locator.now(subject, attached, attachedAs, appearance);
            return new VolumeResult(volume.id(), request.volumeName(), volume.availabilityZone(), attachedAs, device,
                    Optional.empty(), Optional.empty(), Optional.empty(), false, attachedNow, false, false, false, false, List.of());
        }

        Path mountPoint = request.mountPoint().orElseThrow();
        Path device = locator.await(subject, attached, attachedAs, appearance, mountPoint, request.timeout());
        mounter.requireEmptyMountPoint(subject, mountPoint);
        FormatGuard.PreparedFilesystem fs = formatGuard.prepare(subject, attached, device, request.filesystem());
        List<Path> logDirs = request.effectiveLogDirs();
        if (!fs.formatted()) {
            checkIdentityReadOnly(subject, device, fs, mountPoint, request);
        }
        boolean mountedNow = mounter.mount(subject, device, fs, mountPoint);
        boolean adopted = false;
        if (fs.adoptUuid()) {
            // A filesystem made elsewhere, now mounted cleanly under the right identity: bind it to the volume.
            volumes.recordFilesystemUuid(volume.id(), fs.uuid());
            LOG.info("recorded {}={} on {}", Volume.FS_UUID_TAG, fs.uuid(), subject);
            adopted = true;
        }
        boolean ownersChanged = false;
        for (Path logDir : logDirs) {
            ownersChanged |= owners.ensureOwned(logDir, request.account());
        }
        boolean fstabChanged = mounter.persist(FstabEntry.forUuid(fs.uuid(), mountPoint, fs.type()));
        return new VolumeResult(volume.id(), request.volumeName(), volume.availabilityZone(), attachedAs, Optional.of(device),
                Optional.of(mountPoint), Optional.of(fs.type()), Optional.of(fs.uuid()), fs.formatted(), attachedNow,
                fs.tagged() || adopted, mountedNow, ownersChanged, fstabChanged, logDirs);
    }

    /**
     * Every log directory must be a real directory on the volume (no symbolic link on the way) and its
     * meta.properties must name the claimed id and cluster, looked at through a read-only
     * mount (or the mount already in place on a re-run), so a refused volume is not written to at all.
     */
    private void checkIdentityReadOnly(String subject, Path device, FormatGuard.PreparedFilesystem fs, Path mountPoint,
                                       VolumeRequest request) {
        boolean inspecting = mounter.inspect(subject, device, fs, mountPoint);
        try {
            for (Path logDir : request.effectiveLogDirs()) {
                identityCheck.requireOnVolume(subject, mountPoint, logDir);
                identityCheck.verify(subject, logDir, request.brokerId(), request.clusterId());
            }
        } catch (RuntimeException refused) {
            if (inspecting) {
                try {
                    mounter.undo(mountPoint);
                } catch (RuntimeException umountFailed) {
                    // The refusal is what the operator must see; the look left mounted is read-only, and the next
                    // run refuses it again (VolumeMounter never takes a read-only mount for the broker's).
                    if (refused instanceof DataSafetyException) {
                        throw new DataSafetyException(refused.getMessage() + "; the read-only look at " + mountPoint
                                + " could not be unmounted (" + umountFailed.getMessage() + "): umount it by hand");
                    }
                    refused.addSuppressed(umountFailed);
                }
            }
            throw refused;
        }
        if (inspecting) {
            mounter.undo(mountPoint); // leave nothing mounted that a Kafka start could pick up
        }
    }

    /** Input about this machine that we can reject before touching EC2. */
    private void checkLocalInput(VolumeRequest request) {
        if (!request.mounts()) {
            return;
        }
        Path mountPoint = request.mountPoint().orElseThrow();
        if (Files.exists(mountPoint) && !Files.isDirectory(mountPoint)) {
            throw new UsageException("--mount-point " + mountPoint + " exists and is not a directory; choose a directory");
        }
        if (mountPoint.getParent() == null) {
            throw new UsageException("--mount-point " + mountPoint + " cannot be the root directory");
        }
        Path existing = mountPoint;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!existing.equals(mountPoint) && (!Files.isDirectory(existing) || !Files.isWritable(existing))) {
            throw new UsageException("--mount-point " + mountPoint + " cannot be created: " + existing + " is not a writable"
                    + " directory; create the mount point or choose another --mount-point");
        }
        for (Path logDir : request.effectiveLogDirs()) {
            if (!logDir.normalize().startsWith(mountPoint.normalize()) || logDir.normalize().equals(mountPoint.normalize())) {
                throw new UsageException("--log-dir " + logDir + " is not on the volume (below --mount-point " + mountPoint
                        + "); every log directory of the broker must live on its volume");
            }
        }
        if (!devices.canFormat(request.filesystem())) {
            throw new UsageException("mkfs." + request.filesystem() + " or blkid is not installed; install "
                    + (request.filesystem() == Filesystem.xfs ? "xfsprogs" : "e2fsprogs") + " and util-linux, or choose another --filesystem");
        }
        owners.requireAccount(request.account());
        mounter.requireEmptyMountPoint("the broker volume", mountPoint);
    }

    /** Our volume is not attached here, so anything mounted at the mount point is some other device. */
    private void checkMountPointFree(String subject, VolumeRequest request) {
        if (!request.mounts()) {
            return;
        }
        Path mountPoint = request.mountPoint().orElseThrow();
        Path real = mountPoint.toAbsolutePath().normalize();
        for (MountedFilesystem m : mounts.mounted()) {
            if (m.mountPoint().equals(real) || m.mountPoint().equals(mountPoint)) {
                throw new UsageException("--mount-point " + mountPoint + " already has " + m.source() + " mounted, and "
                        + subject + " is not attached here yet; unmount it or choose another --mount-point");
            }
        }
    }

    /** Waits until nobody else holds the volume and attaches it; never detaches it from anyone. */
    private boolean attachWhenFree(String subject, Volume volume, VolumeRequest request) {
        String me = request.me().instanceId();
        return waiter.attachWhenFree(subject, request.timeout(), () -> freeFor(volume.id(), me),
                free -> free.attachmentTo(me).isPresent(), () -> {
                    volumes.attach(volume.id(), me, request.device());
                    LOG.info("attaching {} to {} as {}", subject, me, request.device());
                }, NEVER_DETACH);
    }

    private WaitStep<Volume> freeFor(String volumeId, String me) {
        Volume volume = describe(volumeId);
        if (volume.attachmentTo(me).isPresent()) {
            return WaitStep.ready(volume);
        }
        List<VolumeAttachment> holders = volume.heldByOthers(me);
        if (holders.isEmpty()) {
            return "available".equals(volume.state()) ? WaitStep.ready(volume) : WaitStep.pending("in state " + volume.state());
        }
        Map<String, InstanceState> states = instances.states(holders.stream().map(VolumeAttachment::instanceId).toList());
        return WaitStep.pending("attached to " + holders.stream()
                .map(h -> Holder.label(h.instanceId(), states.getOrDefault(h.instanceId(), InstanceState.UNKNOWN), h.state()))
                .collect(Collectors.joining(", ")));
    }

    private WaitStep<Volume> attachedTo(String volumeId, String me) {
        Volume volume = describe(volumeId);
        Optional<VolumeAttachment> mine = volume.attachmentTo(me);
        if (mine.isPresent()) {
            return "attached".equals(mine.get().state()) ? WaitStep.ready(volume)
                    : WaitStep.pending(mine.get().state() + " to " + me);
        }
        List<VolumeAttachment> others = volume.heldByOthers(me).stream()
                .filter(a -> !"detaching".equals(a.state())).toList();
        if (!others.isEmpty()) {
            throw new DataSafetyException("volume " + volume.name() + " (" + volumeId + ") was attached to "
                    + others.get(0).instanceId() + " instead of " + me + "; another instance claims the same broker id,"
                    + " check the claims with 'kafka-aas status'");
        }
        return WaitStep.pending("not attached to " + me + " yet (" + volume.state() + ")");
    }

    private Volume describe(String volumeId) {
        return volumes.describe(volumeId).orElseThrow(() -> new UsageException(
                "volume " + volumeId + " disappeared while we attached it; check who deletes the broker volumes"));
    }
}
