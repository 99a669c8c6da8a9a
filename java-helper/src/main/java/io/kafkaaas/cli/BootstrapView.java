package io.kafkaaas.cli;

import io.kafkaaas.boot.BootstrapResult;
import io.kafkaaas.boot.Step;
import io.kafkaaas.boot.StepOutcome;
import io.kafkaaas.secret.SecretsResult;
import io.kafkaaas.instance.InstanceIdentity;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What bootstrap prints: the broker's facts at the top, then each step's result exactly as its own command
 * prints it, then the timings.
 */
record BootstrapView(String cluster, InstanceIdentity me, BootstrapResult result) implements CommandResult {
    @Override
    public Map<String, Object> json() {
        BootstrapResult r = result;
        int id = r.facts().brokerId();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("changed", r.changed());
        json.put("brokerId", id);
        json.put("cluster", cluster);
        json.put("instanceId", me.instanceId());
        json.put("availabilityZone", me.availabilityZone());
        json.put("eniId", r.eni().eniId());
        json.put("privateIp", r.eni().privateIp());
        json.put("interface", r.eni().interfaceName());
        json.put("volumeId", r.volume().volumeId());
        json.put("device", r.volume().device().map(Path::toString));
        json.put("mountPoint", r.volume().mountPoint().map(Path::toString));
        json.put("formatted", r.volume().formatted());
        Map<String, Object> steps = new LinkedHashMap<>();
        steps.put("claim", new ClaimView(cluster, me, r.claim()).json());
        steps.put("eni", new EniView(id, me, r.eni()).json());
        steps.put("volume", new VolumeView(id, me, r.volume()).json());
        steps.put("network", r.network().map(n -> new NetworkView(n).json()).orElseGet(NetworkView::skipped));
        steps.put("secrets", r.steps().stream().filter(s -> s.step() == Step.SECRETS && !s.skipped())
                .map(s -> new SecretsView((SecretsResult) s.result().orElseThrow()).json()).findFirst()
                .orElseGet(NetworkView::skipped));
        steps.put("render", new RenderView(r.renderRequest(), r.render()).json());
        json.put("steps", steps);
        Map<String, Object> timings = new LinkedHashMap<>();
        r.steps().forEach(s -> timings.put(s.step().label(), s.took().toMillis()));
        timings.put("total", r.took().toMillis());
        json.put("timings", timings);
        return json;
    }

    @Override
    public String text() {
        BootstrapResult r = result;
        StringBuilder out = new StringBuilder();
        for (StepOutcome s : r.steps()) {
            out.append(String.format("%-8s %-10s %6d ms%n", s.step().label(),
                    s.skipped() ? "skipped" : s.changed() ? "changed" : "unchanged", s.took().toMillis()));
        }
        out.append("broker ").append(r.facts().brokerId()).append(" on ").append(r.eni().privateIp())
                .append(" (").append(r.eni().eniId()).append(", ").append(r.volume().volumeId()).append(") ready in ")
                .append(r.took().toMillis()).append(" ms").append(r.changed() ? "" : "; nothing changed");
        return out.toString();
    }
}
