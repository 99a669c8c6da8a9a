package io.kafkaaas.cli;

import io.kafkaaas.claim.ClaimResult;
import io.kafkaaas.core.Seconds;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.eni.EniAttachRequest;
import io.kafkaaas.instance.InstanceIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

@Command(name = "claim-id", mixinStandardHelpOptions = true,
        header = "Claim a broker id for this instance (ZooKeeper or ENI store); exit 3 when none is free.",
        description = {"Claim a broker id for this instance: the one it already holds, else a free one whose ENI is in",
                "this AZ, else the id of an owner that is gone. With --claim-store eni, attaching the id's ENI is the",
                "claim and a dying holder's ENI is waited for; with ZooKeeper, a dying owner's broker registration is",
                "waited for; with both, an owner its Auto Scaling group is terminating (still running to EC2) is waited",
                "for. Exit 3 when none is left, exit 4 when the wait runs out."})
final class ClaimIdCommand extends HelperCommand {
    @Mixin
    ZooKeeperOptions zk = new ZooKeeperOptions();
    @Mixin
    ClaimStoreOptions store = new ClaimStoreOptions();
    @Mixin
    KafkaModeOption kafka = new KafkaModeOption();
    @Mixin
    ClaimOptions claim = new ClaimOptions();
    @Mixin
    AwsOptions aws = new AwsOptions();
    @Mixin
    AutoScalingEndpointOption autoScaling = new AutoScalingEndpointOption();

    @Option(names = "--device-index", paramLabel = "N", defaultValue = "1",
            description = "ENI store: the device index the claim attaches the ENI at, as attach-eni does. Default: ${DEFAULT-VALUE}.")
    int deviceIndex = EniAttachRequest.DEFAULT_DEVICE_INDEX;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for a dying or leaving owner to let go before exit 4: ENIs that such instances"
                    + " still hold (ENI store), a dying owner's broker registration or a leaving owner's claim (ZooKeeper)."
                    + " Default: ${DEFAULT-VALUE}.")
    Seconds timeout = new Seconds(300);

    @Override
    protected CommandResult execute() {
        ClaimStores stores = ClaimStores.choose(store, kafka.mode(), zk, false, w -> warn(List.of(w)));
        claim.validate();
        if (deviceIndex < 1 || deviceIndex > 31) {
            throw new UsageException("--device-index " + deviceIndex + " is out of range 1-31 (0 is the primary interface)");
        }
        Optional<URI> autoScalingEndpoint = autoScaling.endpoint();
        try (Adapters adapters = new Adapters(aws)) {
            InstanceIdentity me = adapters.identity();
            ClaimResult result = stores.claimer(adapters, claim.grace(), deviceIndex, timeout.duration(), Clock.systemUTC(),
                    autoScalingEndpoint)
                    .claim(me, claim.brokerCount());
            return new ClaimView(stores.cluster(), me, result);
        }
    }
}
