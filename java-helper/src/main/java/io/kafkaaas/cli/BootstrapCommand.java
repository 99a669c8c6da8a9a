package io.kafkaaas.cli;

import io.kafkaaas.boot.BootstrapPlan;
import io.kafkaaas.boot.BootstrapResult;
import io.kafkaaas.boot.Bootstrapper;
import io.kafkaaas.claim.IdClaimer;
import io.kafkaaas.core.Seconds;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.eni.EniSettings;
import io.kafkaaas.network.PolicyRoutingApplier;
import io.kafkaaas.network.RoutingSettings;
import io.kafkaaas.os.IpRouteCommand;
import io.kafkaaas.render.ConfigRenderer;
import io.kafkaaas.render.KafkaMode;
import io.kafkaaas.render.NetworkStyle;
import io.kafkaaas.render.RenderSettings;
import io.kafkaaas.volume.VolumeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        header = "Boot this instance as a broker: claim, attach, route and render.",
        description = {"Boot this instance as a broker in one process: claim an id, attach its ENI, attach and mount",
                "its volume, bring policy routing up, render its files. Every step is idempotent, so a re-run",
                "changes nothing; the first step that fails stops the run with that step's exit code."})
final class BootstrapCommand extends HelperCommand {
    @Mixin
    ZooKeeperOptions zk = new ZooKeeperOptions();
    @Mixin
    ClaimStoreOptions store = new ClaimStoreOptions();
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
    Seconds timeout = new Seconds(300);

    /** Everything that can be checked before the first step is checked here, so bad input changes nothing. */
    private List<Path> validate() {
        claim.validate();
        aws.settings();
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
        // In ZooKeeper mode Kafka itself needs --zookeeper, whichever store holds the claims.
        boolean zookeeperRendered = render.kafkaMode == KafkaMode.zookeeper;
        ClaimStores stores = ClaimStores.choose(store, render.kafkaMode, zk, zookeeperRendered, w -> warn(List.of(w)));
        List<Path> logDirs = validate();
        // The settings check themselves as they are built, before any adapter exists: bad input reaches no AWS API.
        EniSettings eniSettings = eni.settings();
        VolumeSettings volumeSettings = volume.settings(render.kafkaGroup());
        RoutingSettings routed = routing.settings(); // checked even when the OS routes the ENI: a typo is still a typo
        Optional<RoutingSettings> routingSettings = render.networkStyle() == NetworkStyle.none
                ? Optional.empty() : Optional.of(routed);
        Optional<String> zookeeper = zookeeperRendered || stores.kind() == ClaimStoreKind.zookeeper
                ? stores.zookeeperForRender() : Optional.empty();
        RenderSettings renderSettings = render.settings(zookeeper, claim.brokerCount(), volume.clusterId());
        try (Adapters adapters = new Adapters(aws)) {
            InstanceIdentity me = adapters.identity();
            BootstrapPlan plan = new BootstrapPlan(me, claim.brokerCount(), adapters.tagPrefix(),
                    timeout.duration(), eniSettings, volumeSettings, routingSettings, renderSettings, logDirs);
            Clock clock = Clock.systemUTC();
            // With the ENI store the claim attaches the ENI at the step's own index: the ENI step then changes nothing.
            IdClaimer claimer = stores.claimer(adapters, claim.grace(), eniSettings.deviceIndex(), timeout.duration(), clock);
            AttachWiring attach = AttachWiring.system(adapters);
            Bootstrapper bootstrapper = new Bootstrapper(claimer, attach.eniAttacher(),
                    attach.volumeAttacher(volume.fstab(), volume.localVolumes()), new PolicyRoutingApplier(IpRouteCommand.host()),
                    new ConfigRenderer(files.templates(), files.files()), clock);
            BootstrapResult result = bootstrapper.run(plan);
            warn(result.eni().warnings());
            return new BootstrapView(stores.cluster(), me, result);
        }
    }
}
