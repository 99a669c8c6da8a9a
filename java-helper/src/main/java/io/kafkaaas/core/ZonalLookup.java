package io.kafkaaas.core;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Picks the one resource tagged Name=&lt;prefix&gt;&lt;id&gt; in this instance's Availability Zone. ENIs and EBS volumes
 * cannot cross AZs, so a resource that only exists elsewhere is a placement error to report, never something to
 * "fix" by snapshotting or recreating it.
 */
public final class ZonalLookup {
    private ZonalLookup() {
    }

    public static <R> R pickInZone(String kind, String name, List<R> tagged, String zone,
                                   Function<R, String> idOf, Function<R, String> zoneOf) {
        if (tagged.isEmpty()) {
            throw new UsageException("no " + kind + " is tagged Name=" + name + "; check --broker-id and --tag-prefix,"
                    + " or create the " + kind + " (the stack creates one per broker id)");
        }
        List<R> here = tagged.stream().filter(r -> zone.equals(zoneOf.apply(r))).toList();
        if (here.isEmpty()) {
            String elsewhere = tagged.stream().map(r -> idOf.apply(r) + " in " + zoneOf.apply(r))
                    .collect(Collectors.joining(", "));
            throw new UsageException(kind + " " + name + " (" + elsewhere + ") is not in this instance's Availability Zone "
                    + zone + "; a " + kind + " cannot cross AZs: launch the broker in its AZ (it is never snapshotted or moved)");
        }
        if (here.size() > 1) {
            throw new UsageException("several " + kind + "s are tagged Name=" + name + " in " + zone + " ("
                    + here.stream().map(idOf).collect(Collectors.joining(", ")) + "); keep exactly one per broker id");
        }
        return here.get(0);
    }
}
