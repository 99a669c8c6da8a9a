package io.kafkaaas.cli;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.eni.EniAttachRequest;
import io.kafkaaas.eni.EniAttachResult;
import io.kafkaaas.instance.InstanceIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
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

    @Option(names = "--device-index", paramLabel = "N", defaultValue = "1",
            description = "Device index to attach the ENI at (0 is the primary interface). Default: ${DEFAULT-VALUE}.")
    int deviceIndex = EniAttachRequest.DEFAULT_DEVICE_INDEX;

    @Option(names = "--interface-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the kernel interface with the ENI's MAC; then \"interface\": null and a"
                    + " warning, not a failure. Default: ${DEFAULT-VALUE}.")
    long interfaceTimeoutSeconds = 60;

    @Override
    protected CommandResult execute() {
        attach.validate();
        aws.settings();
        if (deviceIndex < 1 || deviceIndex > 31) {
            throw new UsageException("--device-index " + deviceIndex + " is out of range 1-31 (0 is the primary interface)");
        }
        if (interfaceTimeoutSeconds < 0 || interfaceTimeoutSeconds > 3600) {
            throw new UsageException("--interface-timeout " + interfaceTimeoutSeconds + " is out of range 0-3600 seconds");
        }
        try (Adapters adapters = new Adapters(aws)) {
            InstanceIdentity me = adapters.identity();
            EniAttachRequest request = new EniAttachRequest(me, attach.brokerId(), adapters.tagPrefix(), deviceIndex,
                    attach.timeout(), Duration.ofSeconds(interfaceTimeoutSeconds));
            EniAttachResult result = AttachWiring.system(adapters).eniAttacher().attach(request);
            PrintWriter err = spec.commandLine().getErr();
            result.warnings().forEach(w -> err.println("kafka-aas: warning: " + w));
            err.flush();
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
