package io.kafkaaas.cli;

import io.kafkaaas.eni.EniAttachRequest;
import io.kafkaaas.eni.EniAttachResult;
import io.kafkaaas.instance.InstanceIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "attach-eni", mixinStandardHelpOptions = true,
        header = "Attach this broker's ENI and find its kernel interface.",
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
            return new EniView(attach.brokerId(), me, result);
        }
    }
}
