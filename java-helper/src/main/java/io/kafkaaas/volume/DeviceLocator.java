package io.kafkaaas.volume;

import io.kafkaaas.core.DataSafetyException;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.WaitStep;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the block device of an attached volume. On Nitro the name EC2 was given means nothing (the kernel says
 * nvme1n1), but the NVMe serial is the volume id, so that is tried first. On Xen the device keeps its name,
 * except that /dev/sdX shows up as /dev/xvdX (and the other way round), so both spellings are tried. A fallback
 * path that turns out to be a different EBS volume is refused: that is how a wrong disk gets formatted.
 */
public final class DeviceLocator {
    private static final Pattern SD_OR_XVD = Pattern.compile("/dev/(sd|xvd)([a-z]+)");

    private final BlockDevices devices;
    private final ResourceWaiter waiter;

    public DeviceLocator(BlockDevices devices, ResourceWaiter waiter) {
        this.devices = devices;
        this.waiter = waiter;
    }

    public Path await(String subject, String volumeId, List<String> deviceNames, Duration timeout) {
        return waiter.await("block device of " + subject, timeout, () -> look(volumeId, deviceNames),
                "check that the volume shows as attached in EC2 and look at dmesg; pass --device if it was attached under another name");
    }

    public Optional<Path> now(String volumeId, List<String> deviceNames) {
        return waiter.poll("block device of " + volumeId, Duration.ZERO, () -> look(volumeId, deviceNames));
    }

    private WaitStep<Path> look(String volumeId, List<String> deviceNames) {
        Optional<Path> nvme = devices.findByVolumeId(volumeId);
        if (nvme.isPresent()) {
            return WaitStep.ready(nvme.get());
        }
        List<Path> candidates = candidates(deviceNames);
        for (Path candidate : candidates) {
            if (devices.isBlockDevice(candidate)) {
                Optional<String> actual = devices.volumeIdOf(candidate);
                if (actual.isPresent() && !actual.get().equals(volumeId)) {
                    throw new DataSafetyException(candidate + " is EBS volume " + actual.get() + ", not " + volumeId
                            + "; refusing to touch it: pass the right --device, or detach the other volume");
                }
                return WaitStep.ready(candidate);
            }
        }
        return WaitStep.pending("not visible: no NVMe device with serial " + volumeId.replace("-", "")
                + " and no " + candidates.stream().map(Path::toString).reduce((a, b) -> a + " or " + b).orElse("device path"));
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
