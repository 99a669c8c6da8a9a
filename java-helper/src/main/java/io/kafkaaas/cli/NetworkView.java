package io.kafkaaas.cli;

import io.kafkaaas.network.NetworkResult;

import java.util.LinkedHashMap;
import java.util.Map;

/** What bringing policy routing up did, as apply-network prints it and bootstrap nests it as its network step. */
record NetworkView(NetworkResult result) {
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("changed", result.changed());
        json.put("interface", result.interfaceName());
        json.put("privateIp", result.privateIp());
        json.put("table", result.table());
        json.put("actions", result.actions());
        return json;
    }

    /** Bootstrap's network step when the OS routes the ENI itself (--network-style none). */
    static Map<String, Object> skipped() {
        return Map.of("changed", false, "skipped", true);
    }
}
