package io.kafkaaas.claim;

import io.kafkaaas.core.BrokerTags;
import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.eni.NetworkInterfaces;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Builds the slots 0..count-1 from the ENIs tagged {@code <prefix><id>}: the ENIs define which ids exist where. */
public final class SlotCatalog {
    private final NetworkInterfaces networkInterfaces;
    private final String tagPrefix;

    public SlotCatalog(NetworkInterfaces networkInterfaces, String tagPrefix) {
        this.networkInterfaces = networkInterfaces;
        this.tagPrefix = tagPrefix;
    }

    public List<BrokerSlot> slots(int brokerCount) {
        List<List<NetworkInterface>> byId = new ArrayList<>(brokerCount);
        for (int i = 0; i < brokerCount; i++) {
            byId.add(new ArrayList<>());
        }
        for (NetworkInterface eni : networkInterfaces.findByNamePrefix(tagPrefix)) {
            OptionalInt id = BrokerTags.brokerIdOf(eni.name(), tagPrefix);
            if (id.isPresent() && id.getAsInt() < brokerCount) {
                byId.get(id.getAsInt()).add(eni);
            }
        }
        List<BrokerSlot> slots = new ArrayList<>(brokerCount);
        for (int i = 0; i < brokerCount; i++) {
            slots.add(new BrokerSlot(i, List.copyOf(byId.get(i))));
        }
        return slots;
    }

    public String tagPrefix() {
        return tagPrefix;
    }
}
