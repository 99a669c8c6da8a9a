package io.kafkaaas.cli;

import io.kafkaaas.claim.ReleaseResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "release-id", mixinStandardHelpOptions = true,
        description = {"Delete this instance's claim (compare-and-delete), so its id is free at once.",
                "Run it from the ASG termination lifecycle hook or at shutdown."})
final class ReleaseIdCommand extends HelperCommand {
    @Mixin
    ZooKeeperOptions zk = new ZooKeeperOptions();
    @Mixin
    AwsOptions aws = new AwsOptions();

    @Override
    protected CommandResult execute() {
        zk.validate();
        try (Adapters adapters = new Adapters(aws)) {
            String instanceId = adapters.identity().instanceId();
            ReleaseResult result = new ClaimWiring(adapters, zk, Clock.systemUTC()).releaser().release(instanceId);
            return new CommandResult() {
                @Override
                public Map<String, Object> json() {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("changed", result.changed());
                    json.put("instanceId", instanceId);
                    json.put("releasedIds", result.releasedIds());
                    return json;
                }

                @Override
                public String text() {
                    return result.changed() ? "released broker id(s) " + result.releasedIds() + " of " + instanceId
                            : instanceId + " holds no claim; nothing released";
                }
            };
        }
    }
}
