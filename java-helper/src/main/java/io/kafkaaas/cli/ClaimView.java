package io.kafkaaas.cli;

import io.kafkaaas.claim.ClaimResult;
import io.kafkaaas.instance.InstanceIdentity;

import java.util.LinkedHashMap;
import java.util.Map;

/** What claim-id prints, and bootstrap nests as its claim step: the one place these keys are written. */
record ClaimView(String cluster, InstanceIdentity me, ClaimResult result) implements CommandResult {
    @Override
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("brokerId", result.brokerId());
        json.put("changed", result.changed());
        json.put("cluster", cluster);
        json.put("instanceId", me.instanceId());
        json.put("availabilityZone", me.availabilityZone());
        json.put("eniId", result.eniId());
        json.put("takenOverFrom", result.takenOverFrom());
        return json;
    }

    @Override
    public String text() {
        String how = !result.changed() ? "already held"
                : result.takenOverFrom().map(o -> "taken over from " + o).orElse("claimed");
        return "broker id " + result.brokerId() + " (" + how + ") for " + me.instanceId() + " in " + me.availabilityZone();
    }
}
