package io.kafkaaas.volume;

import io.kafkaaas.core.Change;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The broker's volume after attach-volume. device is the block device we proved (empty with --no-mount when it is
 * not visible or not proven yet); attachedAs is the device name EC2 reports. markedNow says this run tagged the
 * volume (formatted and fs-uuid after mkfs, or fs-uuid when adopting a filesystem); ownersChanged that it created
 * or chowned a log directory. changed is true when this run attached, formatted, tagged, mounted, chowned or
 * edited fstab.
 */
public record VolumeResult(
        String volumeId,
        String name,
        String availabilityZone,
        String attachedAs,
        Optional<Path> device,
        Optional<Path> mountPoint,
        Optional<String> filesystem,
        Optional<String> uuid,
        boolean formatted,
        boolean attachedNow,
        boolean markedNow,
        boolean mountedNow,
        boolean ownersChanged,
        boolean fstabChanged,
        List<Path> logDirs) implements Change {

    @Override
    public boolean changed() {
        return attachedNow || formatted || markedNow || mountedNow || ownersChanged || fstabChanged;
    }
}
