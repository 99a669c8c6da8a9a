package io.kafkaaas.cli;

import io.kafkaaas.lifecycle.LifecycleStep;
import io.kafkaaas.lifecycle.SignalReport;
import io.kafkaaas.lifecycle.StackResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What signal prints; release-id reports its lifecycle action with the same step object. */
record SignalView(SignalReport report) implements CommandResult {
    @Override
    public Map<String, Object> json() {
        SignalReport r = report;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("changed", r.changed());
        json.put("instanceId", r.instanceId());
        json.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
        json.put("stackName", r.stack().map(StackResource::stackName));
        json.put("logicalResourceId", r.stack().map(StackResource::logicalResourceId));
        json.put("autoScalingGroup", r.membership().map(m -> m.groupName()));
        json.put("lifecycleState", r.membership().map(m -> m.lifecycleState()));
        json.put("lifecycleHook", r.hookName());
        json.put("steps", steps(r.steps()));
        return json;
    }

    @Override
    public String text() {
        return report.steps().stream().map(LifecycleStep::describe).collect(Collectors.joining(System.lineSeparator()));
    }

    static List<Map<String, Object>> steps(List<LifecycleStep> steps) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LifecycleStep s : steps) {
            rows.add(step(s));
        }
        return rows;
    }

    static Map<String, Object> step(LifecycleStep s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("action", s.action());
        row.put("target", s.target());
        row.put("status", s.statusLabel());
        row.put("changed", s.changed());
        row.put("detail", s.detail());
        return row;
    }
}
