package io.kafkaaas.cli;

import io.kafkaaas.claim.ClaimResult;
import io.kafkaaas.instance.InstanceIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;

@Command(name = "claim-id", mixinStandardHelpOptions = true,
        header = "Claim a broker id for this instance in ZooKeeper; exit 3 when none is free.",
        description = {"Claim a broker id in ZooKeeper for this instance: the one it already holds, else a free",
                "one whose ENI is in this AZ, else the id of an owner that is gone. Exit 3 when none is left."})
final class ClaimIdCommand extends HelperCommand {
    @Mixin
    ZooKeeperOptions zk = new ZooKeeperOptions();
    @Mixin
    ClaimOptions claim = new ClaimOptions();
    @Mixin
    AwsOptions aws = new AwsOptions();

    @Override
    protected CommandResult execute() {
        zk.validate();
        claim.validate();
        try (Adapters adapters = new Adapters(aws)) {
            InstanceIdentity me = adapters.identity();
            ClaimWiring wiring = new ClaimWiring(adapters, zk, Clock.systemUTC());
            ClaimResult result = wiring.claimer(claim.grace()).claim(me, claim.brokerCount());
            return new ClaimView(zk.cluster(), me, result);
        }
    }
}
