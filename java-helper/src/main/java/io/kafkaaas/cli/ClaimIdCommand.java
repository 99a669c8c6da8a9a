package io.kafkaaas.cli;

import io.kafkaaas.claim.ClaimResult;
import io.kafkaaas.instance.InstanceIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

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
            return result(zk.cluster(), me, result);
        }
    }

    static CommandResult result(String cluster, InstanceIdentity me, ClaimResult r) {
        return new CommandResult() {
            @Override
            public Map<String, Object> json() {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("brokerId", r.brokerId());
                json.put("changed", r.changed());
                json.put("cluster", cluster);
                json.put("instanceId", me.instanceId());
                json.put("availabilityZone", me.availabilityZone());
                json.put("eniId", r.eniId());
                json.put("takenOverFrom", r.takenOverFrom());
                return json;
            }

            @Override
            public String text() {
                String how = !r.changed() ? "already held"
                        : r.takenOverFrom().map(o -> "taken over from " + o).orElse("claimed");
                return "broker id " + r.brokerId() + " (" + how + ") for " + me.instanceId() + " in " + me.availabilityZone();
            }
        };
    }
}
