package io.kafkaaas.bench;

import io.kafkaaas.os.SysfsBlockDevices;
import io.kafkaaas.volume.ZeroCheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * Times FormatGuard's zero check (the production {@link ZeroCheck} reading through the production
 * {@link SysfsBlockDevices}) on one block device, several rounds, and prints seconds per TiB. Run it through
 * bench/zero-check.sh, which makes a large sparse loop device for it.
 */
public final class ZeroCheckBenchmark {
    private ZeroCheckBenchmark() {
    }

    public static void main(String[] args) {
        Path device = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SysfsBlockDevices devices = SysfsBlockDevices.system();
        long size = devices.sizeBytes(device).orElseThrow(() -> new IllegalArgumentException("cannot size " + device));
        ZeroCheck check = new ZeroCheck(devices);
        double tib = size / (double) (1L << 40);
        System.out.printf("device %s: %d bytes (%.3f TiB); reads %d MiB per check%n", device, size, tib,
                ZeroCheck.bytesRead(size) >> 20);
        List<Double> seconds = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            OptionalLong dirty = check.firstNonZero(device, size);
            double took = (System.nanoTime() - start) / 1e9;
            seconds.add(took);
            System.out.printf("round %d: %.3f s (%.3f s per TiB)%s%n", round, took, took / tib,
                    dirty.isPresent() ? ", found a non-zero byte at " + dirty.getAsLong() : ", all zero");
        }
        Collections.sort(seconds);
        double median = seconds.get(seconds.size() / 2);
        System.out.printf("median: %.3f s, %.3f s per TiB%n", median, median / tib);
    }
}
