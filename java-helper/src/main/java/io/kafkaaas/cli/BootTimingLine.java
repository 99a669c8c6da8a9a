package io.kafkaaas.cli;

import io.kafkaaas.boot.StepOutcome;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one structured line bootstrap writes to stderr at its end, success or failure: {@code kafka-aas-boot {json}}.
 * The boot unit's stderr goes to the journal, so a log shipper can pick the line by its prefix and chart each
 * step's time across boots without parsing the human logs. The keys are stable; new ones may be added.
 */
record BootTimingLine(String instanceId, Optional<Integer> brokerId, int exitCode, Optional<String> failedStep,
                      List<StepOutcome> steps, Duration took) {
    static final String PREFIX = "kafka-aas-boot ";

    String line() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event", "bootstrap");
        json.put("instanceId", instanceId);
        json.put("brokerId", brokerId.orElse(null));
        json.put("exitCode", exitCode);
        json.put("failedStep", failedStep.orElse(null));
        json.put("tookMs", took.toMillis());
        Map<String, Object> timings = new LinkedHashMap<>();
        for (StepOutcome s : steps) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("ms", s.took().toMillis());
            step.put("changed", s.changed());
            step.put("skipped", s.skipped());
            timings.put(s.step().label(), step);
        }
        json.put("steps", timings);
        return PREFIX + ResultPrinter.toJson(json);
    }
}
