package io.kafkaaas.cli;

import io.kafkaaas.boot.BootstrapFailedException;
import io.kafkaaas.boot.BootstrapPlan;
import io.kafkaaas.boot.BootstrapResult;
import io.kafkaaas.boot.Bootstrapper;
import io.kafkaaas.boot.BrokerFacts;
import io.kafkaaas.boot.NetworkPlanner;
import io.kafkaaas.boot.RenderPlanner;
import io.kafkaaas.boot.StepOutcome;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.network.Ipv4Address;
import io.kafkaaas.network.PolicyRouting;
import io.kafkaaas.network.PolicyRoutingApplier;
import io.kafkaaas.os.IpRouteCommand;
import io.kafkaaas.render.BrokerIdentity;
import io.kafkaaas.render.ConfigRenderer;
import io.kafkaaas.render.NetworkStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = {"Boot this instance as a broker in one process: claim an id, attach its ENI, attach and mount",
                "its volume, bring policy routing up, render its files. Every step is idempotent, so a re-run",
                "changes nothing; the first step that fails stops the run with that step's exit code."})
final class BootstrapCommand extends HelperCommand {
    @Mixin
    ZooKeeperOptions zk = new ZooKeeperOptions();
    @Mixin
    ClaimOptions claim = new ClaimOptions();
    @Mixin
    AwsOptions aws = new AwsOptions();
    @Mixin
    EniOptions eni = new EniOptions();
    @Mixin
    VolumeOptions volume = new VolumeOptions();
    @Mixin
    RoutingOptions routing = new RoutingOptions();
    @Mixin
    RenderOptions render = new RenderOptions();
    @Mixin
    FileOptions files = new FileOptions();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long each wait on EC2 may take (the old holder releasing the ENI or volume, the attachment,"
                    + " the device appearing) before exit 4. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds = 300;

    /** Everything that can be checked before the first step is checked here, so bad input changes nothing. */
    private List<Path> validate() {
        zk.validate();
        claim.validate();
        aws.settings();
        eni.validate();
        volume.validate();
        routing.validate();
        render.validate(Optional.of(zk.connectString().toString()), claim.brokerCount(), volume.clusterId());
        if (timeoutSeconds < 0 || timeoutSeconds > 86_400) {
            throw new UsageException("--timeout " + timeoutSeconds + " is out of range 0-86400 seconds");
        }
        files.templates();
        volume.account(render.kafkaGroup());
        List<Path> logDirs = volume.logDirs();
        if (logDirs.isEmpty()) {
            throw new UsageException("the Kafka log directory is unknown: pass --mount-point (log dir <mount-point>/logs) or --log-dir");
        }
        return logDirs;
    }

    @Override
    protected CommandResult execute() {
        List<Path> logDirs = validate();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        try (Adapters adapters = new Adapters(aws)) {
            InstanceIdentity me = adapters.identity();
            Clock clock = Clock.systemUTC();
            ClaimWiring claims = new ClaimWiring(adapters, zk, clock);
            AttachWiring attach = AttachWiring.system(adapters);
            Bootstrapper bootstrapper = new Bootstrapper(claims.claimer(claim.grace()), attach.eniAttacher(),
                    attach.volumeAttacher(volume.fstab(), volume.localVolumes()), new PolicyRoutingApplier(IpRouteCommand.host()),
                    new ConfigRenderer(files.templates(), files.files()), clock);
            BootstrapPlan plan = new BootstrapPlan(me, claim.brokerCount(),
                    id -> eni.request(me, id, adapters.tagPrefix(), timeout),
                    id -> volume.request(me, id, adapters.tagPrefix(), timeout, render.kafkaGroup()),
                    networkPlanner(),
                    renderPlanner(logDirs));
            BootstrapResult result = bootstrapper.run(plan);
            warn(result.eni().warnings());
            return result(zk.cluster(), me, result);
        }
    }

    private NetworkPlanner networkPlanner() {
        if (render.networkStyle() == NetworkStyle.none) {
            return NetworkPlanner.NONE;
        }
        return new NetworkPlanner() {
            @Override
            public boolean wanted() {
                return true;
            }

            @Override
            public PolicyRouting plan(BrokerFacts facts, String interfaceName) {
                String cidr = routing.subnetCidr().or(facts::subnetCidr).orElseThrow(() -> new UsageException("the subnet of ENI " + facts.eniId() + " (MAC "
                                + facts.macAddress() + ") is unknown: instance metadata lists no subnet-ipv4-cidr-block"
                                + " for it; pass --subnet-cidr"));
                return routing.routing(interfaceName, Ipv4Address.parse("private IP", facts.privateIp()), cidr);
            }
        };
    }

    private RenderPlanner renderPlanner(List<Path> logDirs) {
        return (facts, policy) -> render.request(
                new BrokerIdentity(facts.brokerId(), Ipv4Address.parse("private IP", facts.privateIp()),
                        Optional.of(facts.availabilityZone()), logDirs.stream().map(Path::toString).toList()),
                Optional.of(zk.connectString().toString()), claim.brokerCount(), volume.clusterId(), policy);
    }

    static CommandResult result(String cluster, InstanceIdentity me, BootstrapResult r) {
        return new CommandResult() {
            @Override
            public Map<String, Object> json() {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("changed", r.changed());
                json.put("brokerId", r.facts().brokerId());
                json.put("cluster", cluster);
                json.put("instanceId", me.instanceId());
                json.put("availabilityZone", me.availabilityZone());
                json.put("eniId", r.eni().eniId());
                json.put("privateIp", r.eni().privateIp());
                json.put("interface", r.eni().interfaceName());
                json.put("volumeId", r.volume().volumeId());
                json.put("device", r.volume().device().map(Path::toString));
                json.put("mountPoint", r.volume().mountPoint().map(Path::toString));
                json.put("formatted", r.volume().formatted());
                Map<String, Object> steps = new LinkedHashMap<>();
                steps.put("claim", ClaimIdCommand.result(cluster, me, r.claim()).json());
                steps.put("eni", AttachEniCommand.result(r.facts().brokerId(), me, r.eni()).json());
                steps.put("volume", AttachVolumeCommand.result(r.facts().brokerId(), me, r.volume()).json());
                steps.put("network", r.network().<Map<String, Object>>map(n -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("changed", n.changed());
                    m.put("interface", n.interfaceName());
                    m.put("table", n.table());
                    m.put("actions", n.actions());
                    return m;
                }).orElse(Map.of("changed", false, "skipped", true)));
                steps.put("render", RenderCommand.result(r.renderRequest(), r.render()).json());
                json.put("steps", steps);
                json.put("timings", timings(r.steps(), r.took()));
                return json;
            }

            @Override
            public String text() {
                StringBuilder out = new StringBuilder();
                for (StepOutcome s : r.steps()) {
                    out.append(String.format("%-8s %-10s %6d ms%n", s.step().label(),
                            s.skipped() ? "skipped" : s.changed() ? "changed" : "unchanged", s.took().toMillis()));
                }
                out.append("broker ").append(r.facts().brokerId()).append(" on ").append(r.eni().privateIp())
                        .append(" (").append(r.eni().eniId()).append(", ").append(r.volume().volumeId()).append(") ready in ")
                        .append(r.took().toMillis()).append(" ms").append(r.changed() ? "" : "; nothing changed");
                return out.toString();
            }
        };
    }

    private static Map<String, Object> timings(List<StepOutcome> steps, Duration total) {
        Map<String, Object> millis = new LinkedHashMap<>();
        steps.forEach(s -> millis.put(s.step().label(), s.took().toMillis()));
        millis.put("total", total.toMillis());
        return millis;
    }

    /** The error object of a failed bootstrap also says which steps finished and whether they changed anything. */
    static Map<String, Object> errorDetails(BootstrapFailedException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("changed", e.completed().stream().anyMatch(StepOutcome::changed));
        details.put("failedStep", e.failed().label());
        Map<String, Object> completed = new LinkedHashMap<>();
        e.completed().forEach(s -> completed.put(s.step().label(), Map.of("changed", s.changed(), "skipped", s.skipped())));
        details.put("completedSteps", completed);
        return details;
    }
}
