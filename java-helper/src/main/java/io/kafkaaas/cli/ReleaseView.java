package io.kafkaaas.cli;

import io.kafkaaas.claim.ReleaseResult;
import io.kafkaaas.lifecycle.LifecycleStep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What release-id prints: the ids it released and, with --complete-lifecycle-action, the hook it completed. */
record ReleaseView(String instanceId, ClaimStoreKind store, ReleaseResult result, Optional<LifecycleStep> step) implements CommandResult {
    @Override
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("changed", result.changed() || step.map(LifecycleStep::changed).orElse(false));
        json.put("instanceId", instanceId);
        json.put("claimStore", store.name());
        json.put("releasedIds", result.releasedIds());
        step.ifPresent(s -> json.put("lifecycleAction", SignalView.step(s)));
        return json;
    }

    @Override
    public String text() {
        String released = store == ClaimStoreKind.eni
                ? "claim store eni: nothing detached; EC2 releases " + instanceId + "'s broker ENI (and so its id) when it terminates"
                : result.changed() ? "released broker id(s) " + result.releasedIds() + " of " + instanceId
                : instanceId + " holds no claim; nothing released";
        return step.map(s -> released + System.lineSeparator() + s.describe()).orElse(released);
    }
}
