package io.kafkaaas.cli;

import io.kafkaaas.claim.Claim;
import io.kafkaaas.claim.SlotInspector;
import io.kafkaaas.claim.SlotStatus;
import io.kafkaaas.instance.WaitingInstance;
import io.kafkaaas.retire.RetiredIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show every broker slot, its owner and whether the owner is alive.",
        description = {"Show every broker slot: id, ENI AZ, owner, and whether the owner is alive, dead or absent;",
                "a slot of a raised --broker-count whose ENI does not exist yet shows AZ none. Then the retired ids",
                "(ENI tagged <prefix><id>-retired) and the instances waiting without an id (standbys)."})
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
            Map<Integer, Claim> claims = wiring.store().readAll();
            List<SlotStatus> slots = wiring.inspector(claim.grace())
                    .inspect(wiring.catalog().slots(claim.brokerCount()), claims, SlotInspector.Registrations.ALL);
            SortedMap<Integer, List<String>> retired = RetiredIds.of(adapters.networkInterfaces(), adapters.tagPrefix());
            // An instance that was a standby once and holds a claim now is a broker, whatever its old tag says.
            Set<String> owners = claims.values().stream().filter(c -> c.data().isPresent())
                    .map(Claim::ownerLabel).collect(Collectors.toSet());
            List<WaitingInstance> waiting = adapters.waitingInstances().waiting(zk.cluster()).stream()
                    .filter(w -> !owners.contains(w.instanceId())).toList();
            return new StatusView(zk.cluster(), adapters.tagPrefix(), slots, retired, waiting);
        }
    }
}
