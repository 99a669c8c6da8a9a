package io.kafkaaas.health;

import java.util.ArrayList;
import java.util.List;

/**
 * One look at a broker's health: whether it is registered, how many partitions it hosts, which of those do
 * not have it in their ISR yet, and which are under-replicated (for any replica, not only this one).
 */
public record BrokerHealth(int brokerId, boolean registered, int partitions, List<String> outOfIsr,
                           List<String> underReplicated) {
    public BrokerHealth {
        outOfIsr = List.copyOf(outOfIsr);
        underReplicated = List.copyOf(underReplicated);
    }

    /** The rule of the boot flow's step 4: registered, back in every ISR, and nothing it hosts under-replicated. */
    public boolean healthy() {
        return registered && outOfIsr.isEmpty() && underReplicated.isEmpty();
    }

    public static BrokerHealth of(int brokerId, ClusterView view) {
        boolean registered = view.registeredBrokers().contains(brokerId);
        int hosted = 0;
        List<String> outOfIsr = new ArrayList<>();
        List<String> underReplicated = new ArrayList<>();
        for (PartitionReplicas p : view.partitions()) {
            if (!p.hostedBy(brokerId)) {
                continue;
            }
            hosted++;
            if (!p.inSync(brokerId)) {
                outOfIsr.add(p.name());
            }
            if (p.underReplicated()) {
                underReplicated.add(p.name());
            }
        }
        return new BrokerHealth(brokerId, registered, hosted, outOfIsr, underReplicated);
    }

    /** What is still missing, as one phrase: "not registered; 2 partitions out of the ISR (t-0, t-1); ...". */
    public String missing() {
        List<String> parts = new ArrayList<>();
        if (!registered) {
            parts.add("broker " + brokerId + " not registered");
        }
        if (!outOfIsr.isEmpty()) {
            parts.add(outOfIsr.size() + " partition(s) still out of the ISR (" + sample(outOfIsr) + ")");
        }
        if (!underReplicated.isEmpty()) {
            parts.add(underReplicated.size() + " partition(s) under-replicated (" + sample(underReplicated) + ")");
        }
        return parts.isEmpty() ? "nothing" : String.join("; ", parts);
    }

    /** Long lists stay on one line: the first few names and how many more. */
    private static String sample(List<String> names) {
        int shown = Math.min(names.size(), 5);
        String head = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? head + ", and " + (names.size() - shown) + " more" : head;
    }
}
