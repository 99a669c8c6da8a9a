package io.kafkaaas.cli;

import io.kafkaaas.eni.EniAttachResult;
import io.kafkaaas.instance.InstanceIdentity;

import java.util.LinkedHashMap;
import java.util.Map;

/** What attach-eni prints, and bootstrap nests as its eni step: the one place these keys are written. */
record EniView(int brokerId, InstanceIdentity me, EniAttachResult result) implements CommandResult {
    @Override
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eniId", result.eniId());
        json.put("privateIp", result.privateIp());
        json.put("macAddress", result.macAddress());
        json.put("interface", result.interfaceName());
        json.put("changed", result.changed());
        json.put("deviceIndex", result.deviceIndex());
        json.put("attachmentId", result.attachmentId());
        json.put("subnetId", result.subnetId());
        json.put("subnetCidr", result.subnetCidr());
        json.put("availabilityZone", result.availabilityZone());
        json.put("name", result.name());
        json.put("brokerId", brokerId);
        json.put("instanceId", me.instanceId());
        return json;
    }

    @Override
    public String text() {
        return "ENI " + result.name() + " (" + result.eniId() + ", " + result.privateIp() + ", " + result.macAddress() + ") "
                + (result.changed() ? "attached to " : "already attached to ") + me.instanceId() + " at device index "
                + result.deviceIndex() + "; kernel interface " + result.interfaceName().orElse("not found");
    }
}
