package io.kafkaaas.volume;

import java.util.Locale;

/** The filesystems kafka-aas creates on a new broker volume. Existing filesystems of other types are mounted as they are. */
public enum Filesystem {
    xfs,
    ext4;

    /** fsck pass in fstab: XFS checks itself at mount time (fsck.xfs does nothing); ext4 gets the usual 2. */
    public static int fsckPassOf(String type) {
        return type.toLowerCase(Locale.ROOT).startsWith("ext") ? 2 : 0;
    }
}
