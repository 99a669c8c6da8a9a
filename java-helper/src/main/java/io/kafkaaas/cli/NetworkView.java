package io.kafkaaas.cli;

import io.kafkaaas.network.NetworkResult;
import io.kafkaaas.render.RenderResult;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What bringing policy routing up did: apply-network prints it with the rt_tables entry it wrote; bootstrap nests
 * it, without files (its render step writes rt_tables), as its network step.
 */
record NetworkView(NetworkResult result, Optional<RenderResult> files) implements CommandResult {
    NetworkView(NetworkResult result) {
        this(result, Optional.empty());
    }

    NetworkView(NetworkResult result, RenderResult files) {
        this(result, Optional.of(files));
    }

    private boolean changed() {
        return result.changed() || files.map(RenderResult::changed).orElse(false);
    }

    @Override
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("changed", changed());
        json.put("interface", result.interfaceName());
        json.put("privateIp", result.privateIp());
        json.put("table", result.table());
        json.put("actions", result.actions());
        files.ifPresent(f -> json.put("files", RenderView.files(f)));
        return json;
    }

    @Override
    public String text() {
        if (!changed()) {
            return "policy routing for " + result.privateIp() + " on " + result.interfaceName()
                    + " is already in place (table " + result.table() + ")";
        }
        StringBuilder out = new StringBuilder();
        result.actions().forEach(a -> out.append(a).append('\n'));
        files.ifPresent(f -> f.files().stream().filter(r -> r.changed())
                .forEach(r -> out.append("wrote ").append(r.path()).append('\n')));
        return out.toString().stripTrailing();
    }

    /** Bootstrap's network step when the OS routes the ENI itself (--network-style none). */
    static Map<String, Object> skipped() {
        return Map.of("changed", false, "skipped", true);
    }
}
