package io.kafkaaas.volume;

import io.kafkaaas.core.DataSafetyException;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.WaitStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the block device of an attached volume and proves it is that volume (DESIGN.md, "prove the device is this
 * volume before touching it"). A device is this volume's only when that is shown, not assumed:
 * <ul>
 *   <li>NVMe (Nitro): the serial equals the volume id, and nothing else counts. On an instance that shows EBS
 *       volumes as NVMe devices a name such as /dev/xvdg is never trusted.</li>
 *   <li>Otherwise (Xen): the path is the name EC2 reports for this volume's attachment to this instance (or its
 *       sd/xvd twin); its size equals the volume's; nothing mounts or holds it except our own mount point; and either
 *       this run's AttachVolume made it appear (it did not exist before the call) or the volume was already attached
 *       here when the run started (a re-run or a reboot).</li>
 * </ul>
 * Anything else is exit 5, naming the device and the volume: that is how a wrong disk gets formatted.
 */
public final class DeviceLocator {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceLocator.class);
    private static final Pattern SD_OR_XVD = Pattern.compile("/dev/(sd|xvd)([a-z]+)");

    private final BlockDevices devices;
    private final Mounts mounts;
    private final ResourceWaiter waiter;

    public DeviceLocator(BlockDevices devices, Mounts mounts, ResourceWaiter waiter) {
        this.devices = devices;
        this.mounts = mounts;
        this.waiter = waiter;
    }

    /**
     * How this run met the volume: attached here already when it started, or else which of the candidate device
     * paths existed before this run's AttachVolume call (those belong to something else).
     */
    public record Appearance(boolean attachedAtStart, Set<Path> presentBeforeAttach) {
        public static Appearance alreadyAttached() {
            return new Appearance(true, Set.of());
        }
    }

    /** Which candidate paths are block devices right now; recorded just before AttachVolume. */
    public Set<Path> presentNow(String deviceName) {
        Set<Path> present = new LinkedHashSet<>();
        candidates(List.of(deviceName)).stream().filter(devices::isBlockDevice).forEach(present::add);
        return present;
    }

    public Path await(String subject, Volume volume, String attachedAs, Appearance appearance, Path mountPoint, Duration timeout) {
        return waiter.await("block device of " + subject, timeout, () -> look(subject, volume, attachedAs, appearance, mountPoint),
                "check that the volume shows as attached in EC2 and look at dmesg");
    }

    /** One look, for --no-mount: the proven device, or empty when it is not visible or not proven. */
    public Optional<Path> now(String subject, Volume volume, String attachedAs, Appearance appearance) {
        try {
            WaitStep<Path> step = look(subject, volume, attachedAs, appearance, null);
            return step instanceof WaitStep.Ready<Path> ready ? Optional.of(ready.value()) : Optional.empty();
        } catch (DataSafetyException unproven) {
            LOG.warn("{}", unproven.getMessage());
            return Optional.empty();
        }
    }

    private WaitStep<Path> look(String subject, Volume volume, String attachedAs, Appearance appearance, Path mountPoint) {
        Optional<Path> nvme = devices.findByVolumeId(volume.id());
        if (nvme.isPresent()) {
            return WaitStep.ready(nvme.get());
        }
        List<Path> candidates = candidates(List.of(attachedAs));
        for (Path candidate : candidates) {
            if (devices.isBlockDevice(candidate)) {
                prove(subject, volume, candidate, appearance, mountPoint);
                return WaitStep.ready(candidate);
            }
        }
        return WaitStep.pending("not visible: no NVMe device with serial " + volume.id().replace("-", "")
                + (devices.namesVolumesBySerial() ? "" : " and no " + candidates.stream().map(Path::toString)
                        .collect(Collectors.joining(" or "))));
    }

    private void prove(String subject, Volume volume, Path candidate, Appearance appearance, Path mountPoint) {
        Optional<String> actual = devices.volumeIdOf(candidate);
        if (actual.isPresent() && !actual.get().equals(volume.id())) {
            throw refuse(candidate, subject, "is EBS volume " + actual.get() + ", not " + volume.id(),
                    "pass the right --device, or detach the other volume");
        }
        if (devices.namesVolumesBySerial()) {
            throw refuse(candidate, subject, "exists, but this instance shows EBS volumes as NVMe devices and none has serial "
                    + volume.id().replace("-", "") + ", so the name proves nothing",
                    "wait for the NVMe device to appear (check dmesg and 'nvme list') and rerun");
        }
        if (!appearance.attachedAtStart() && appearance.presentBeforeAttach().contains(candidate)) {
            throw refuse(candidate, subject, "already existed before this run attached the volume, so it is another disk"
                    + " (a leftover, or a reused device letter)", "detach or remove that device, or pass a free --device, and rerun");
        }
        OptionalLong size = devices.sizeBytes(candidate);
        if (size.isEmpty() || size.getAsLong() != volume.sizeBytes()) {
            throw refuse(candidate, subject, "is " + (size.isEmpty() ? "of unknown size" : size.getAsLong() + " bytes")
                    + " but the volume is " + volume.sizeGiB() + " GiB (" + volume.sizeBytes() + " bytes)",
                    "check which disk " + candidate + " is (lsblk) and pass the right --device");
        }
        List<String> users = new ArrayList<>(devices.holders(candidate));
        for (MountedFilesystem m : mounts.mounted()) {
            if (VolumeMounter.sameDevice(m.source(), candidate) && (mountPoint == null || !VolumeMounter.samePath(m.mountPoint(), mountPoint))) {
                users.add("mounted at " + m.mountPoint());
            }
        }
        if (!users.isEmpty()) {
            throw refuse(candidate, subject, "is in use (" + String.join(", ", users) + ")",
                    "find out what uses it (lsblk, /proc/mounts, /proc/swaps) and pass the right --device");
        }
    }

    private static DataSafetyException refuse(Path device, String subject, String what, String fix) {
        return new DataSafetyException("cannot prove " + device + " is " + subject + ": it " + what + "; refusing to touch it: " + fix);
    }

    static List<Path> candidates(List<String> deviceNames) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : deviceNames) {
            names.add(name);
            Matcher m = SD_OR_XVD.matcher(name);
            if (m.matches()) {
                names.add("/dev/" + (m.group(1).equals("sd") ? "xvd" : "sd") + m.group(2));
            }
        }
        List<Path> paths = new ArrayList<>();
        names.forEach(n -> paths.add(Path.of(n)));
        return paths;
    }
}
