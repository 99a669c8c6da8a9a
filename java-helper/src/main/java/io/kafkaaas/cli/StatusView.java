package io.kafkaaas.cli;

import io.kafkaaas.claim.Claim;
import io.kafkaaas.claim.ClaimData;
import io.kafkaaas.claim.SlotStatus;
import io.kafkaaas.core.BrokerTags;
import io.kafkaaas.instance.WaitingInstance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** What status prints: one row per broker slot, then the retired ids and the instances waiting without an id. */
record StatusView(String cluster, String tagPrefix, List<SlotStatus> slots, SortedMap<Integer, List<String>> retired,
                  List<WaitingInstance> waiting) implements CommandResult {
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
        List<Map<String, Object>> retiredRows = new ArrayList<>();
        retired.forEach((id, enis) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("brokerId", id);
            row.put("eniIds", enis);
            retiredRows.add(row);
        });
        List<Map<String, Object>> waitingRows = new ArrayList<>();
        for (WaitingInstance w : waiting) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("instanceId", w.instanceId());
            row.put("availabilityZone", w.availabilityZone());
            row.put("state", w.state().apiName());
            row.put("launchedAt", w.launchedAt().toString());
            waitingRows.add(row);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("changed", false);
        json.put("cluster", cluster);
        json.put("slots", rows);
        json.put("retired", retiredRows);
        json.put("waitingForId", waitingRows);
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
                    s.liveness().label(), detail(s)));
        }
        retired.forEach((id, enis) -> out.append(String.format("retired: broker id %d (ENI %s tagged %s)%n", id,
                String.join(", ", enis), BrokerTags.retiredNameFor(tagPrefix, id))));
        for (WaitingInstance w : waiting) {
            out.append(String.format("waiting for an id: %s in %s (%s since %s): a standby without Kafka%n", w.instanceId(),
                    w.availabilityZone(), w.state().apiName(), w.launchedAt()));
        }
        return out.toString().stripTrailing();
    }

    private String detail(SlotStatus s) {
        if (s.slot().interfaces().isEmpty()) {
            return "no ENI tagged " + BrokerTags.nameFor(tagPrefix, s.brokerId()) + " yet: no instance can claim this id";
        }
        return s.blocker().map(b -> s.verdict().reason() + "; blocked: " + b).orElse(s.verdict().reason());
    }
}
