package io.kafkaaas.volume;

import io.kafkaaas.core.Change;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The broker's volume after attach-volume. device is the block device we found (empty with --no-mount when it is
 * not visible yet); attachedAs is the device name EC2 reports. changed is true when this run attached, formatted,
 * tagged, mounted or edited fstab.
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
        boolean fstabChanged,
        Optional<Path> logDir) implements Change {

    @Override
    public boolean changed() {
        return attachedNow || formatted || markedNow || mountedNow || fstabChanged;
    }
}
