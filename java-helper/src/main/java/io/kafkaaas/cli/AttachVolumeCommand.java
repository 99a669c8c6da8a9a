package io.kafkaaas.cli;

import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.volume.VolumeRequest;
import io.kafkaaas.volume.VolumeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "attach-volume", mixinStandardHelpOptions = true,
        header = "Attach and mount this broker's EBS volume, never risking its data.",
        description = {"Attach the EBS volume tagged Name=<tag-prefix><broker-id> in this AZ and find",
                "its block device (NVMe serial, else a proven --device). Format it only when it is",
                "provably empty (no signature, no tag, no snapshot, reads as zeros); mount it by",
                "UUID with an fstab line (nofail); check every log dir's meta.properties against",
                "the broker id. Exit 5 whenever data would be at risk."})
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
            VolumeRequest request = volume.settings(kafkaGroup).request(me, attach.brokerId(), adapters.tagPrefix(), attach.timeout());
            VolumeResult result = AttachWiring.system(adapters).volumeAttacher(volume.fstab(), volume.localVolumes()).attach(request);
            return new VolumeView(attach.brokerId(), me, result);
        }
    }
}
