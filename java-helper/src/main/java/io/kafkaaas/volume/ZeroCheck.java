package io.kafkaaas.volume;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * DESIGN.md, "format only what is provably empty": a new EBS volume reads as zeros, so anything else may be
 * someone's data, even when blkid sees no signature (a blind probe, a damaged primary superblock, a filesystem
 * made by hand). Reads the first 64 MiB, the first MiB of every GiB (xfs allocation-group headers, ext4 backup
 * superblocks and group descriptors land there) and the last MiB (GPT backup header, md 1.0 and 0.90 superblocks).
 */
public final class ZeroCheck {
    static final long HEAD = 64L << 20;
    static final long STRIDE = 1L << 30;
    static final long SAMPLE = 1L << 20;

    private final BlockDevices devices;

    public ZeroCheck(BlockDevices devices) {
        this.devices = devices;
    }

    /** The regions read, as [offset, length] pairs within a device of this size. */
    static List<long[]> regions(long size) {
        List<long[]> regions = new ArrayList<>();
        regions.add(new long[] {0, Math.min(HEAD, size)});
        for (long at = STRIDE; at < size; at += STRIDE) {
            if (at >= HEAD) {
                regions.add(new long[] {at, Math.min(SAMPLE, size - at)});
            }
        }
        long tail = Math.max(0, size - SAMPLE);
        if (tail >= HEAD && tail % STRIDE != 0) {
            regions.add(new long[] {tail, size - tail});
        }
        return regions;
    }

    /** How many bytes a check of a device of this size reads: about 64 MiB + 1 MiB per GiB. */
    public static long bytesRead(long size) {
        return regions(size).stream().mapToLong(r -> r[1]).sum();
    }

    /** The offset of the first non-zero byte found, or empty when every sampled byte is zero. */
    public OptionalLong firstNonZero(Path device, long size) {
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) SAMPLE);
        for (long[] region : regions(size)) {
            for (long at = region[0]; at < region[0] + region[1]; at += SAMPLE) {
                buffer.clear().limit((int) Math.min(SAMPLE, region[0] + region[1] - at));
                int n = devices.read(device, at, buffer);
                if (n < buffer.limit()) {
                    throw new UncheckedIOException(new EOFException(device + " ended at " + (at + n)
                            + " bytes, before its size of " + size));
                }
                int i = 0;
                while (i + Long.BYTES <= n && buffer.getLong(i) == 0) {
                    i += Long.BYTES;
                }
                for (; i < n; i++) {
                    if (buffer.get(i) != 0) {
                        return OptionalLong.of(at + i);
                    }
                }
            }
        }
        return OptionalLong.empty();
    }
}
