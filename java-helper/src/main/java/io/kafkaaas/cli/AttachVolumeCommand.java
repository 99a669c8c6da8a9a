package io.kafkaaas.cli;

import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.volume.VolumeRequest;
import io.kafkaaas.volume.VolumeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "attach-volume", mixinStandardHelpOptions = true,
        description = {"Attach the EBS volume tagged Name=<tag-prefix><broker-id> in this AZ and find",
                "its block device (NVMe serial, else --device). Format it only when it is blank",
                "AND was never formatted; mount it by UUID with an fstab line (nofail); check",
                "meta.properties against the broker id. Exit 5 whenever data would be at risk."})
final class AttachVolumeCommand extends HelperCommand {
    @Mixin
    AttachOptions attach = new AttachOptions();
    @Mixin
    AwsOptions aws = new AwsOptions();

    @Mixin
    VolumeOptions volume = new VolumeOptions();

    @Option(names = "--kafka-group", paramLabel = "GROUP", defaultValue = "confluent",
            description = "Group the Kafka service runs as; it owns the log directories. Default: ${DEFAULT-VALUE} (Confluent's packages).")
    String kafkaGroup = "confluent";

    @Override
    protected CommandResult execute() {
        attach.validate();
        aws.settings();
        volume.validate();
        volume.account(kafkaGroup);
        try (Adapters adapters = new Adapters(aws)) {
            InstanceIdentity me = adapters.identity();
            VolumeRequest request = volume.request(me, attach.brokerId(), adapters.tagPrefix(), attach.timeout(), kafkaGroup);
            VolumeResult result = AttachWiring.system(adapters).volumeAttacher(volume.fstab(), volume.localVolumes()).attach(request);
            return result(attach.brokerId(), me, result);
        }
    }

    static CommandResult result(int brokerId, InstanceIdentity me, VolumeResult r) {
        return new CommandResult() {
            @Override
            public Map<String, Object> json() {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("volumeId", r.volumeId());
                json.put("device", r.device().map(Path::toString));
                json.put("mountPoint", r.mountPoint().map(Path::toString));
                json.put("formatted", r.formatted());
                json.put("changed", r.changed());
                json.put("filesystem", r.filesystem());
                json.put("uuid", r.uuid());
                json.put("attachedAs", r.attachedAs());
                json.put("attached", r.attachedNow());
                json.put("mounted", r.mountedNow());
                json.put("fstabUpdated", r.fstabChanged());
                json.put("markedFormatted", r.markedNow());
                json.put("logDir", r.logDirs().stream().findFirst().map(Path::toString));
                json.put("logDirs", r.logDirs().stream().map(Path::toString).toList());
                json.put("ownersChanged", r.ownersChanged());
                json.put("availabilityZone", r.availabilityZone());
                json.put("name", r.name());
                json.put("brokerId", brokerId);
                json.put("instanceId", me.instanceId());
                return json;
            }

            @Override
            public String text() {
                String head = "volume " + r.name() + " (" + r.volumeId() + ") " + (r.attachedNow() ? "attached to " : "already attached to ")
                        + me.instanceId() + " as " + r.attachedAs();
                if (r.mountPoint().isEmpty()) {
                    return head + r.device().map(d -> "; device " + d).orElse("; device not visible yet") + " (not mounted: --no-mount)";
                }
                return head + "; " + r.device().orElseThrow() + " (" + r.filesystem().orElse("?") + (r.formatted() ? ", formatted now" : "")
                        + ") " + (r.mountedNow() ? "mounted at " : "already mounted at ") + r.mountPoint().orElseThrow()
                        + (r.fstabChanged() ? "; fstab updated" : "");
            }
        };
    }
}
