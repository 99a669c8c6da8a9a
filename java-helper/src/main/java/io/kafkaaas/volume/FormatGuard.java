package io.kafkaaas.volume;

import io.kafkaaas.core.DataSafetyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The one place that may run mkfs. It formats only when blkid positively reports nothing on a readable device AND
 * the volume was never marked formatted; it marks the volume right after mkfs. A marked volume that shows no
 * filesystem fails closed: a device that appears late or reads wrong must never cost a broker its data.
 */
public final class FormatGuard {
    private static final Logger LOG = LoggerFactory.getLogger(FormatGuard.class);

    private final BlockDevices devices;
    private final Volumes volumes;
    private final Clock clock;

    public FormatGuard(BlockDevices devices, Volumes volumes, Clock clock) {
        this.devices = devices;
        this.volumes = volumes;
        this.clock = clock;
    }

    public PreparedFilesystem prepare(String subject, Volume volume, Path device, Filesystem wanted) {
        FilesystemProbe probe = devices.probe(device);
        if (probe instanceof FilesystemProbe.Found found) {
            boolean marked = false;
            if (!volume.isMarkedFormatted()) {
                // Adopt a filesystem made elsewhere: from now on, losing sight of it fails closed too.
                volumes.markFormatted(volume.id(), mark("found " + found.type()));
                marked = true;
            }
            LOG.info("{} on {} has a {} filesystem (UUID {}); not formatting", subject, device, found.type(), found.uuid());
            return new PreparedFilesystem(found.type(), found.uuid(), false, marked);
        }
        if (probe instanceof FilesystemProbe.Blank) {
            if (volume.isMarkedFormatted()) {
                throw new DataSafetyException(subject + " is tagged " + Volume.FORMATTED_TAG + "="
                        + volume.formattedMark().orElse("") + " but blkid finds no filesystem on " + device
                        + "; refusing to format it: check that " + device + " really is this volume, restore it from a"
                        + " snapshot, or delete the tag only if you know it holds no data");
            }
            LOG.info("{} on {} is blank and was never formatted: making {}", subject, device, wanted);
            devices.format(device, wanted);
            volumes.markFormatted(volume.id(), mark("mkfs " + wanted));
            FilesystemProbe after = devices.probe(device);
            if (after instanceof FilesystemProbe.Found made) {
                return new PreparedFilesystem(made.type(), made.uuid(), true, true);
            }
            throw new DataSafetyException("mkfs." + wanted + " on " + device + " (" + subject + ") left no visible filesystem ("
                    + after + "); not mounting it: check the device and dmesg");
        }
        if (probe instanceof FilesystemProbe.Foreign foreign) {
            throw new DataSafetyException(subject + " on " + device + " carries " + foreign.signature()
                    + ", not a filesystem kafka-aas can mount; refusing to format or mount it: inspect it by hand");
        }
        FilesystemProbe.Unreadable unreadable = (FilesystemProbe.Unreadable) probe;
        throw new DataSafetyException("could not tell what is on " + device + " (" + subject + "): " + unreadable.reason()
                + "; refusing to format it: check the device and rerun");
    }

    private String mark(String what) {
        return what + " " + clock.instant().toString();
    }

    /** The filesystem to mount; formatted and markedNow say what this run changed. */
    public record PreparedFilesystem(String type, String uuid, boolean formatted, boolean markedNow) {
    }
}
