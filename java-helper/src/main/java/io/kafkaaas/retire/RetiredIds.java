package io.kafkaaas.retire;

import io.kafkaaas.core.BrokerTags;
import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.eni.NetworkInterfaces;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/** The retired ids of a cluster, found by their ENIs' Name tags ({@code <prefix><id>-retired}), with those ENIs' ids. */
public final class RetiredIds {
    private RetiredIds() {
    }

    public static SortedMap<Integer, List<String>> of(NetworkInterfaces enis, String tagPrefix) {
        SortedMap<Integer, List<String>> retired = new TreeMap<>();
        for (NetworkInterface eni : enis.findByNamePrefix(tagPrefix)) {
            OptionalInt id = BrokerTags.retiredIdOf(eni.name(), tagPrefix);
            if (id.isPresent()) {
                retired.computeIfAbsent(id.getAsInt(), k -> new ArrayList<>()).add(eni.id());
            }
        }
        return retired;
    }
}
