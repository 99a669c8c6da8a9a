package io.kafkaaas.cli;

import io.kafkaaas.boot.BootstrapFailedException;
import io.kafkaaas.boot.BootstrapPlan;
import io.kafkaaas.boot.BootstrapResult;
import io.kafkaaas.boot.Bootstrapper;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.claim.IdClaimer;
import io.kafkaaas.core.Seconds;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.WaitingInstances;
import io.kafkaaas.eni.EniSettings;
import io.kafkaaas.network.PolicyRoutingApplier;
import io.kafkaaas.network.RoutingSettings;
import io.kafkaaas.os.IpRouteCommand;
import io.kafkaaas.render.ConfigRenderer;
import io.kafkaaas.render.KafkaMode;
import io.kafkaaas.render.NetworkStyle;
import io.kafkaaas.render.ListenerSecurity;
import io.kafkaaas.render.RenderSettings;
import io.kafkaaas.secret.SecretFetcher;
import io.kafkaaas.secret.SecretsPlan;
import io.kafkaaas.volume.VolumeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        header = "Boot this instance as a broker: claim, attach, route and render.",
        description = {"Boot this instance as a broker in one process: claim an id, attach its ENI, attach and mount",
                "its volume, bring policy routing up, fetch its secrets (--secret-store), render its files. Every step",
                "is idempotent, so a re-run changes nothing; the first step that fails stops the run with that step's exit code."})
final class BootstrapCommand extends HelperCommand {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapCommand.class);

    @Mixin
    ZooKeeperOptions zk = new ZooKeeperOptions();
    @Mixin
    ClaimStoreOptions store = new ClaimStoreOptions();
    @Mixin
    ClaimOptions claim = new ClaimOptions();
    @Mixin
    AwsOptions aws = new AwsOptions();
    @Mixin
    AutoScalingEndpointOption autoScaling = new AutoScalingEndpointOption();
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
    @Mixin
    SecretOptions secrets = new SecretOptions();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long each wait on EC2 may take (the old holder releasing the ENI or volume, the attachment,"
                    + " the device appearing, a dying owner's broker registration going, a leaving owner's termination hook"
                    + " ending) before exit 4. Default: ${DEFAULT-VALUE}.")
    Seconds timeout = new Seconds(300);

    /** Everything that can be checked before the first step is checked here, so bad input changes nothing. */
    private List<Path> validate() {
        claim.validate();
        aws.settings();
        autoScaling.endpoint();
        files.templates();
        secrets.validate();
        volume.account(render.kafkaGroup());
        List<Path> logDirs = volume.logDirs();
        if (logDirs.isEmpty()) {
            throw new UsageException("the Kafka log directory is unknown: pass --mount-point (log dir <mount-point>/logs) or --log-dir");
        }
        return logDirs;
    }

    /** The secrets this boot fetches: what the listeners need, from --secret-store; none needed and none named is fine. */
    private Optional<SecretsPlan> secretsPlan(RenderSettings settings, boolean zooKeeperCredentials) {
        ListenerSecurity security = settings.security();
        boolean tls = security.tls(render.kraft());
        if (secrets.store() == SecretOptions.Store.none) {
            return Optional.empty(); // the operator put the files in place (render names any that is missing)
        }
        if (!tls && !security.scram()) {
            if (zooKeeperCredentials) {
                return Optional.empty(); // only the ZooKeeper credentials, fetched before the claim
            }
            throw new UsageException("--secret-store " + secrets.store() + " but no listener uses TLS or SCRAM, so there is"
                    + " nothing to fetch; set --security-protocol SSL or SASL_SSL, or drop --secret-store");
        }
        return Optional.of(new SecretsPlan(tls, security.scram(), security.secretsDir(), settings.kafkaGroup()));
    }

    @Override
    protected CommandResult execute() {
        // In ZooKeeper mode Kafka itself needs --zookeeper, whichever store holds the claims.
        boolean zookeeperRendered = render.kafkaMode == KafkaMode.zookeeper;
        // Warnings wait until every option has passed: bad input gets exactly one line.
        List<String> storeWarnings = new ArrayList<>();
        ClaimStores stores = ClaimStores.choose(store, render.kafkaMode, zk, zookeeperRendered, storeWarnings::add);
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
        // With a secret store, the ZooKeeper credentials are a secret like the others (/kafka-aas/<cluster>/zookeeper-auth).
        boolean zooKeeperCredentials = zk.authFile != null && secrets.store() != SecretOptions.Store.none
                && stores.kind() == ClaimStoreKind.zookeeper;
        Optional<SecretsPlan> secretsPlan = secretsPlan(renderSettings, zooKeeperCredentials);
        if (secretsPlan.isPresent() && stores.cluster() == null) {
            throw new UsageException("--secret-store " + secrets.store() + " needs --cluster NAME: the secrets live under"
                    + " /kafka-aas/<cluster>/ (SSM) or kafka-aas/<cluster>/ (Secrets Manager)");
        }
        warn(storeWarnings);
        try (Adapters adapters = new Adapters(aws)) {
            InstanceIdentity me = adapters.identity();
            BootstrapPlan plan = new BootstrapPlan(me, claim.brokerCount(), adapters.tagPrefix(),
                    timeout.duration(), eniSettings, volumeSettings, routingSettings, renderSettings, logDirs, secretsPlan);
            // One store client serves both fetches: the ZooKeeper credentials now, the listeners' secrets in their step.
            Optional<SecretFetcher> fetcher = secretsPlan.isPresent() || zooKeeperCredentials
                    ? Optional.of(new SecretFetcher(secrets.source(adapters, stores.cluster()), files.files())) : Optional.empty();
            if (zooKeeperCredentials) {
                // The claim authenticates with them, so they come first; the listeners' secrets need the id and follow it.
                String path = zk.authFile.toAbsolutePath().toString();
                fetcher.orElseThrow().fetchZooKeeperCredentials(path);
                zk.authFile = Path.of(files.files().locate(path)); // under --root, where it was written
            }
            Clock clock = Clock.systemUTC();
            // With the ENI store the claim attaches the ENI at the step's own index: the ENI step then changes nothing.
            IdClaimer claimer = releasingZooKeeper(
                    stores.claimer(adapters, claim.grace(), eniSettings.deviceIndex(), timeout.duration(), clock,
                            autoScaling.endpoint()), adapters);
            AttachWiring attach = AttachWiring.system(adapters);
            Bootstrapper bootstrapper = new Bootstrapper(claimer, attach.eniAttacher(),
                    attach.volumeAttacher(volume.fstab(), volume.localVolumes()), new PolicyRoutingApplier(IpRouteCommand.host()),
                    new ConfigRenderer(files.templates(), files.files()), fetcher, clock);
            Instant start = clock.instant();
            BootstrapResult result;
            try {
                result = bootstrapper.run(plan);
            } catch (BootstrapFailedException e) {
                journal(new BootTimingLine(me.instanceId(), Optional.empty(), e.exitCode().code(), Optional.of(e.failed().label()),
                        e.completed(), Duration.between(start, clock.instant())));
                if (e.exitCode() == ExitCode.NO_FREE_ID) {
                    markWaiting(adapters, me.instanceId(), stores.cluster());
                }
                throw e;
            }
            journal(new BootTimingLine(me.instanceId(), Optional.of(result.facts().brokerId()), 0, Optional.empty(),
                    result.steps(), Duration.between(start, clock.instant())));
            clearWaiting();
            warn(result.eni().warnings());
            return new BootstrapView(stores.cluster(), me, result);
        }
    }

    /** ZooKeeper serves the claim alone: its session ends on a thread of its own while the ENI and the volume attach. */
    private static IdClaimer releasingZooKeeper(IdClaimer claimer, Adapters adapters) {
        return (me, brokerCount) -> {
            try {
                return claimer.claim(me, brokerCount);
            } finally {
                adapters.releaseZooKeeper();
            }
        };
    }

    /** One structured line on stderr, which the boot unit sends to the journal (docs/operations.md, "Boot timings"). */
    private void journal(BootTimingLine line) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(line.line());
        err.flush();
    }

    /**
     * No free id: mark the instance a standby, so that status lists it and the boot script's signal --waiting keeps
     * it in service. Best effort: the exit code (3) is what the boot script acts on; a missing tag only hides it.
     */
    private void markWaiting(Adapters adapters, String instanceId, String cluster) {
        try {
            WaitingMarker.write(files.root, cluster == null ? "" : cluster);
        } catch (IOException e) {
            LOG.warn("could not write {}: {}; the boot script will signal failure instead of --waiting",
                    files.root.resolve(WaitingMarker.PATH), e.getMessage());
        }
        if (cluster == null) {
            LOG.warn("{} found no free broker id; without --cluster it is not tagged {}, so status cannot list it", instanceId,
                    WaitingInstances.WAITING_TAG);
            return;
        }
        try {
            adapters.waitingInstances().markWaiting(instanceId, cluster);
            LOG.info("{} found no free broker id: tagged {}={}; it stays a standby without Kafka until an id is free",
                    instanceId, WaitingInstances.WAITING_TAG, cluster);
        } catch (KafkaAasException e) {
            LOG.warn("{} could not mark itself waiting for an id: {}", instanceId, e.getMessage());
        }
    }

    /** This instance is a broker now: a marker left from an earlier boot without an id must not make it a standby. */
    private void clearWaiting() {
        try {
            WaitingMarker.clear(files.root);
        } catch (IOException e) {
            throw new KafkaAasException(ExitCode.INTERNAL, "cannot remove " + files.root.resolve(WaitingMarker.PATH) + ": "
                    + e.getMessage() + "; remove it by hand, or the boot script signals --waiting for a broker", e);
        }
    }
}
