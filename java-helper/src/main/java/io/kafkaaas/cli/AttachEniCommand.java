package io.kafkaaas.cli;

import io.kafkaaas.eni.EniAttachRequest;
import io.kafkaaas.eni.EniAttachResult;
import io.kafkaaas.instance.InstanceIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "attach-eni", mixinStandardHelpOptions = true,
        description = {"Attach the ENI tagged Name=<tag-prefix><broker-id> in this AZ and find its",
                "kernel interface by MAC. While a dying instance still holds it, wait (bounded);",
                "never detach it. Exit 4 when it stays held for --timeout seconds."})
final class AttachEniCommand extends HelperCommand {
    @Mixin
    AttachOptions attach = new AttachOptions();
    @Mixin
    AwsOptions aws = new AwsOptions();

    @Mixin
    EniOptions eni = new EniOptions();

    @Override
    protected CommandResult execute() {
        attach.validate();
        aws.settings();
        eni.validate();
        try (Adapters adapters = new Adapters(aws)) {
            InstanceIdentity me = adapters.identity();
            EniAttachRequest request = eni.settings().request(me, attach.brokerId(), adapters.tagPrefix(), attach.timeout());
            EniAttachResult result = AttachWiring.system(adapters).eniAttacher().attach(request);
            warn(result.warnings());
            return result(attach.brokerId(), me, result);
        }
    }

    static CommandResult result(int brokerId, InstanceIdentity me, EniAttachResult r) {
        return new CommandResult() {
            @Override
            public Map<String, Object> json() {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("eniId", r.eniId());
                json.put("privateIp", r.privateIp());
                json.put("macAddress", r.macAddress());
                json.put("interface", r.interfaceName());
                json.put("changed", r.changed());
                json.put("deviceIndex", r.deviceIndex());
                json.put("attachmentId", r.attachmentId());
                json.put("subnetId", r.subnetId());
                json.put("subnetCidr", r.subnetCidr());
                json.put("availabilityZone", r.availabilityZone());
                json.put("name", r.name());
                json.put("brokerId", brokerId);
                json.put("instanceId", me.instanceId());
                return json;
            }

            @Override
            public String text() {
                return "ENI " + r.name() + " (" + r.eniId() + ", " + r.privateIp() + ", " + r.macAddress() + ") "
                        + (r.changed() ? "attached to " : "already attached to ") + me.instanceId() + " at device index "
                        + r.deviceIndex() + "; kernel interface " + r.interfaceName().orElse("not found");
            }
        };
    }
}
