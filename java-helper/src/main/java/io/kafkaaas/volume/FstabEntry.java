package io.kafkaaas.volume;

import java.nio.file.Path;

/**
 * One fstab line. The broker volume's line is spec=UUID=..., options carry nofail so that an instance whose
 * volume is gone still boots (and then fails the boot step loudly) instead of hanging in emergency mode.
 */
public record FstabEntry(String spec, Path mountPoint, String type, String options, int dump, int pass) {
    public static final String OPTIONS = "defaults,noatime,nofail";

    public static FstabEntry forUuid(String uuid, Path mountPoint, String type) {
        return new FstabEntry("UUID=" + uuid, mountPoint, type, OPTIONS, 0, Filesystem.fsckPassOf(type));
    }
}
