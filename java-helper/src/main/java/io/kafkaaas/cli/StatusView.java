package io.kafkaaas.cli;

import io.kafkaaas.claim.Claim;
import io.kafkaaas.claim.ClaimData;
import io.kafkaaas.claim.SlotStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What status prints: one row per broker slot. */
record StatusView(String cluster, List<SlotStatus> slots) implements CommandResult {
    @Override
    public Map<String, Object> json() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SlotStatus s : slots) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("brokerId", s.brokerId());
            row.put("availabilityZone", s.slot().zonesLabel());
            row.put("eniIds", s.slot().interfaces().stream().map(n -> n.id()).toList());
            row.put("owner", s.claim().flatMap(Claim::data).map(ClaimData::instanceId).orElse(null));
            row.put("ownerState", s.claim().isPresent() ? s.ownerState().apiName() : null);
            row.put("liveness", s.liveness().label());
            row.put("reason", s.verdict().reason());
            row.put("brokerRegistered", s.brokerRegistered().orElse(null));
            row.put("takeoverBlockedBy", s.blocker().orElse(null));
            row.put("claimedAt", s.claim().flatMap(Claim::data).map(d -> d.claimedAt().toString()).orElse(null));
            rows.add(row);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("changed", false);
        json.put("cluster", cluster);
        json.put("slots", rows);
        return json;
    }

    @Override
    public String text() {
        StringBuilder out = new StringBuilder(String.format("%-4s %-16s %-22s %-14s %-9s %s%n",
                "ID", "AZ", "OWNER", "STATE", "LIVENESS", "DETAIL"));
        for (SlotStatus s : slots) {
            out.append(String.format("%-4d %-16s %-22s %-14s %-9s %s%n", s.brokerId(), s.slot().zonesLabel(),
                    s.claim().map(Claim::ownerLabel).orElse("-"),
                    s.claim().isPresent() ? s.ownerState().apiName() : "-",
                    s.liveness().label(),
                    s.blocker().map(b -> s.verdict().reason() + "; blocked: " + b).orElse(s.verdict().reason())));
        }
        return out.toString().stripTrailing();
    }
}
