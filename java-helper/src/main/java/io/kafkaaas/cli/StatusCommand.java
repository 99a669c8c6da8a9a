package io.kafkaaas.cli;

import io.kafkaaas.claim.SlotInspector;
import io.kafkaaas.claim.SlotStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;
import java.util.List;

@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show every broker slot, its owner and whether the owner is alive.",
        description = "Show every broker slot: id, ENI AZ, owner, and whether the owner is alive, dead or absent.")
final class StatusCommand extends HelperCommand {
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

    @Override
    protected CommandResult execute() {
        ClaimStores stores = ClaimStores.choose(store, kafka.mode(), zk, false, w -> warn(List.of(w)));
        claim.validate();
        try (Adapters adapters = new Adapters(aws)) {
            if (stores.kind() == ClaimStoreKind.eni) {
                return new EniStatusView(stores.cluster(), stores.eniHoldings(adapters, claim.brokerCount()));
            }
            ClaimWiring wiring = new ClaimWiring(adapters, zk, Clock.systemUTC());
            List<SlotStatus> slots = wiring.inspector(claim.grace())
                    .inspect(wiring.catalog().slots(claim.brokerCount()), wiring.store().readAll(),
                            SlotInspector.Registrations.ALL);
            return new StatusView(zk.cluster(), slots);
        }
    }
}
