package io.kafkaaas.cli;

import io.kafkaaas.claim.EniHolding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What status prints with the ENI claim store: one row per broker ENI, with the keys of the ZooKeeper view where
 * they mean the same (the owner is the instance the ENI is attached to) and null where they do not apply.
 */
record EniStatusView(String cluster, List<EniHolding> holdings) implements CommandResult {
    @Override
    public Map<String, Object> json() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EniHolding h : holdings) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("brokerId", h.brokerId());
            row.put("availabilityZone", h.eni().availabilityZone());
            row.put("eniIds", List.of(h.eni().id()));
            row.put("owner", h.holder().orElse(null));
            row.put("ownerState", h.holder().isPresent() ? h.holderState().apiName() : null);
            row.put("liveness", h.liveness().label());
            row.put("reason", reason(h));
            row.put("attachmentState", h.eni().attachment().map(a -> a.status()).orElse(null));
            row.put("brokerRegistered", null);
            row.put("takeoverBlockedBy", null);
            row.put("claimedAt", null);
            rows.add(row);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("changed", false);
        json.put("cluster", cluster);
        json.put("claimStore", ClaimStoreKind.eni.name());
        json.put("slots", rows);
        return json;
    }

    private static String reason(EniHolding h) {
        if (h.holder().isEmpty()) {
            return "ENI available: the next claimer in " + h.eni().availabilityZone() + " attaches it";
        }
        return h.isBeingReleased() ? "EC2 releases the ENI when its holder finishes terminating"
                : "ENI attached to a live instance: never taken";
    }

    @Override
    public String text() {
        StringBuilder out = new StringBuilder(String.format("%-4s %-16s %-22s %-22s %-14s %-9s %s%n",
                "ID", "AZ", "ENI", "HOLDER", "STATE", "LIVENESS", "DETAIL"));
        for (EniHolding h : holdings) {
            out.append(String.format("%-4d %-16s %-22s %-22s %-14s %-9s %s%n", h.brokerId(), h.eni().availabilityZone(),
                    h.eni().id(), h.holder().orElse("-"), h.holder().isPresent() ? h.holderState().apiName() : "-",
                    h.liveness().label(), reason(h)));
        }
        return out.toString().stripTrailing();
    }
}
