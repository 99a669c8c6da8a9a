package io.kafkaaas.cli;

import io.kafkaaas.network.NetworkResult;
import io.kafkaaas.network.PolicyRouting;
import io.kafkaaas.network.PolicyRoutingApplier;
import io.kafkaaas.os.IpRouteCommand;
import io.kafkaaas.render.ConfigRenderer;
import io.kafkaaas.render.RenderResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "apply-network", mixinStandardHelpOptions = true,
        header = "Bring the ENI's policy routing up in the running kernel.",
        description = {"Bring the ENI's policy routing up now: link up, the ENI IP on it, a route table with the subnet",
                "route and a default route via the gateway, and the rule 'from <private-ip> lookup <table>'. It names",
                "the table in rt_tables (keeping every other entry). A second run changes nothing."})
final class ApplyNetworkCommand extends HelperCommand {
    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Mixin
    FileOptions fileOptions = new FileOptions();

    @Option(names = "--netns", paramLabel = "NAME",
            description = "Run the ip commands in this network namespace (ip netns exec NAME ip ...), e.g. for a container or a test.")
    String netns;

    @Override
    protected CommandResult execute() {
        PolicyRouting spec = network.routing();
        if (netns != null && !netns.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new io.kafkaaas.core.UsageException("--netns '" + netns + "' is not a network namespace name");
        }
        ConfigRenderer renderer = new ConfigRenderer(fileOptions.templates(), fileOptions.files());
        PolicyRoutingApplier applier = new PolicyRoutingApplier(netns == null ? IpRouteCommand.host() : IpRouteCommand.inNamespace(netns));
        applier.requireInterface(spec);
        RenderResult files = renderer.renderRouteTable(spec.table());
        NetworkResult result = applier.apply(spec);
        return new NetworkView(result, files);
    }
}
