package io.kafkaaas.boot;

import io.kafkaaas.claim.IdClaimer;
import io.kafkaaas.claim.ClaimResult;
import io.kafkaaas.core.Change;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.core.WaitTimeoutException;
import io.kafkaaas.eni.EniAttachResult;
import io.kafkaaas.eni.EniAttacher;
import io.kafkaaas.network.Ipv4Address;
import io.kafkaaas.network.Ipv4Subnet;
import io.kafkaaas.network.NetworkResult;
import io.kafkaaas.network.PolicyRouting;
import io.kafkaaas.network.PolicyRoutingApplier;
import io.kafkaaas.network.RoutingSettings;
import io.kafkaaas.render.BrokerIdentity;
import io.kafkaaas.render.ConfigRenderer;
import io.kafkaaas.render.RenderRequest;
import io.kafkaaas.render.RenderResult;
import io.kafkaaas.secret.SecretFetcher;
import io.kafkaaas.volume.VolumeAttacher;
import io.kafkaaas.volume.VolumeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Steps 2 to 5 of the boot flow in one process: claim the id, attach the ENI and (beside it) attach and mount the volume,
 * bring policy routing up, fetch the secrets (when a listener needs them), render the files. Each step builds its
 * own request from the plan and the facts the steps before it found; what can be checked before the first step
 * (the templates, the files' directories) is checked then. Each step is idempotent on its own, so a re-run on a configured instance changes
 * nothing; the first step that fails stops the boot with that step's exit code.
 */
public final class Bootstrapper {
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrapper.class);

    private final IdClaimer claimer;
    private final EniAttacher eniAttacher;
    private final VolumeAttacher volumeAttacher;
    private final PolicyRoutingApplier routing;
    private final ConfigRenderer renderer;
    private final Optional<SecretFetcher> secrets;
    private final Clock clock;

    public Bootstrapper(IdClaimer claimer, EniAttacher eniAttacher, VolumeAttacher volumeAttacher,
                        PolicyRoutingApplier routing, ConfigRenderer renderer, Clock clock) {
        this(claimer, eniAttacher, volumeAttacher, routing, renderer, Optional.empty(), clock);
    }

    /** With the secrets step: the fetcher reads the store the plan's secrets live in. */
    public Bootstrapper(IdClaimer claimer, EniAttacher eniAttacher, VolumeAttacher volumeAttacher,
                        PolicyRoutingApplier routing, ConfigRenderer renderer, Optional<SecretFetcher> secrets, Clock clock) {
        this.secrets = secrets;
        this.claimer = claimer;
        this.eniAttacher = eniAttacher;
        this.volumeAttacher = volumeAttacher;
        this.routing = routing;
        this.renderer = renderer;
        this.clock = clock;
    }

    /** The network step's policy with what applying it did; the render step writes the same policy to disk. */
    private record Routed(PolicyRouting policy, NetworkResult result) implements Change {
        @Override
        public boolean changed() {
            return result.changed();
        }
    }

    /** The render step's request with what rendering it wrote. */
    private record Rendered(RenderRequest request, RenderResult result) implements Change {
        @Override
        public boolean changed() {
            return result.changed();
        }
    }

    public BootstrapResult run(BootstrapPlan plan) {
        checkRender(plan);
        List<StepOutcome> steps = new ArrayList<>();
        ClaimResult claim = step(Step.CLAIM, steps, () -> claimer.claim(plan.me(), plan.brokerCount()));
        int id = claim.brokerId();
        Attached attached = attachSideBySide(plan, id, steps);
        EniAttachResult eni = attached.eni();
        VolumeResult volume = attached.volume();
        BrokerFacts facts = new BrokerFacts(id, plan.me().availabilityZone(), eni.eniId(), eni.privateIp(),
                eni.macAddress(), eni.subnetCidr(), eni.interfaceName(), volume.volumeId(), volume.device());

        Optional<Routed> routed = Optional.empty();
        if (plan.routing().isPresent()) {
            RoutingSettings settings = plan.routing().get();
            routed = Optional.of(step(Step.NETWORK, steps, () -> {
                PolicyRouting policy = settings.routing(interfaceOf(eni), privateIp(facts), subnetOf(settings, facts));
                return new Routed(policy, routing.apply(policy));
            }));
        } else {
            steps.add(new StepOutcome(Step.NETWORK, Optional.empty(), Duration.ZERO));
        }
        Optional<PolicyRouting> policy = routed.map(Routed::policy);
        // The keystore is this broker's (named by the claimed id), so it is fetched once the id is known; render then
        // copies the passwords into server.properties.
        if (plan.secrets().isPresent()) {
            step(Step.SECRETS, steps, () -> fetcher().fetch(plan.secrets().get().request(id)));
        } else {
            steps.add(new StepOutcome(Step.SECRETS, Optional.empty(), Duration.ZERO));
        }
        Rendered rendered = step(Step.RENDER, steps, () -> {
            RenderRequest request = plan.render().request(broker(plan, facts), policy);
            return new Rendered(request, renderer.render(request));
        });

        BootstrapResult result = new BootstrapResult(facts, claim, eni, volume, routed.map(Routed::result),
                rendered.request(), rendered.result(), steps);
        LOG.info("{} is broker {} ({}, {}) after {} ms; {}", plan.me().instanceId(), id, eni.privateIp(),
                volume.volumeId(), result.took().toMillis(), result.changed() ? "changes made" : "nothing changed");
        return result;
    }

    /**
     * Nothing that could be checked earlier may fail after a change: every template renders, for a sample broker of
     * this plan, and every file the render step writes can be written, before the first step claims anything.
     */
    private void checkRender(BootstrapPlan plan) {
        try {
            RenderPreview.of(plan).ifPresentOrElse(renderer::check,
                    () -> renderer.checkTemplates(plan.render().networkStyle()));
        } catch (KafkaAasException e) {
            throw new KafkaAasException(e.exitCode(), "the render step would fail, so nothing was claimed or attached: "
                    + e.getMessage(), e);
        }
    }

    private SecretFetcher fetcher() {
        return secrets.orElseThrow(() -> new IllegalStateException("the plan fetches secrets but no secret store was wired"));
    }

    private static BrokerIdentity broker(BootstrapPlan plan, BrokerFacts facts) {
        return new BrokerIdentity(facts.brokerId(), privateIp(facts), Optional.of(facts.availabilityZone()),
                plan.logDirs().stream().map(Path::toString).toList());
    }

    private static Ipv4Address privateIp(BrokerFacts facts) {
        return Ipv4Address.parse("private IP", facts.privateIp());
    }

    /** --subnet-cidr when given, else the subnet instance metadata reports for the ENI's MAC. */
    private static Ipv4Subnet subnetOf(RoutingSettings settings, BrokerFacts facts) {
        return settings.subnet().or(() -> facts.subnetCidr().map(c -> Ipv4Subnet.parse("the ENI's subnet", c)))
                .orElseThrow(() -> new UsageException("the subnet of ENI " + facts.eniId() + " (MAC " + facts.macAddress()
                        + ") is unknown: instance metadata lists no subnet-ipv4-cidr-block for it; pass --subnet-cidr"));
    }

    private static String interfaceOf(EniAttachResult eni) {
        return eni.interfaceName().orElseThrow(() -> new WaitTimeoutException("ENI " + eni.name() + " (" + eni.eniId()
                + ") is attached at device index " + eni.deviceIndex() + " but no kernel interface with MAC "
                + eni.macAddress() + " appeared; raise --interface-timeout, or pass --network-style none when the OS"
                + " configures secondary interfaces itself"));
    }

    private record Attached(EniAttachResult eni, VolumeResult volume) {
    }

    /**
     * The ENI and the volume belong to the claimed id and to nothing else, so they attach side by side: each step
     * waits for its own attachment (and for a dying holder to let go of it), and a replacement waits for the slower
     * of the two instead of their sum. The volume step runs on a thread of its own, with all its data-safety rules;
     * both steps always run to their end, then they are recorded in their order (ENI, volume) and the first
     * failure in that order stops the boot. A volume that attached beside a failed ENI step is recorded as done.
     */
    private Attached attachSideBySide(BootstrapPlan plan, int id, List<StepOutcome> steps) {
        ExecutorService volumeThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "volume-step");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Attempt<VolumeResult>> volumeStep = volumeThread.submit(() -> attempt(Step.VOLUME,
                    () -> volumeAttacher.attach(plan.volume().request(plan.me(), id, plan.tagPrefix(), plan.timeout()))));
            Attempt<EniAttachResult> eni = attempt(Step.ENI,
                    () -> eniAttacher.attach(plan.eni().request(plan.me(), id, plan.tagPrefix(), plan.timeout())));
            Attempt<VolumeResult> volume = join(volumeStep, steps);
            if (eni.failure() != null) {
                if (volume.failure() == null) {
                    record(volume, steps);
                } else {
                    LOG.warn("{} step failed too, beside the ENI step: {}", Step.VOLUME.label(), volume.failure().getMessage());
                }
            }
            return new Attached(record(eni, steps), record(volume, steps));
        } finally {
            volumeThread.shutdown();
        }
    }

    private static <T extends Change> Attempt<T> join(Future<Attempt<T>> step, List<StepOutcome> steps) {
        try {
            return step.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BootstrapFailedException(Step.VOLUME, new KafkaAasException(ExitCode.INTERNAL,
                    "interrupted while the volume step ran; rerun bootstrap, which finishes what was started"), steps);
        } catch (ExecutionException e) {
            // attempt() turns every exception into a failed step: only an Error gets here.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** One step's end: its result and time, or the failure that stops the boot. */
    private record Attempt<T extends Change>(Step step, T result, Duration took, KafkaAasException failure) {
    }

    /** Runs one step and records its result and time; a failure carries the steps finished so far. */
    private <T extends Change> T step(Step step, List<StepOutcome> steps, Supplier<T> action) {
        return record(attempt(step, action), steps);
    }

    private <T extends Change> Attempt<T> attempt(Step step, Supplier<T> action) {
        Instant start = clock.instant();
        try {
            T result = action.get();
            return new Attempt<>(step, result, Duration.between(start, clock.instant()), null);
        } catch (KafkaAasException e) {
            return new Attempt<>(step, null, Duration.between(start, clock.instant()), e);
        } catch (RuntimeException e) {
            return new Attempt<>(step, null, Duration.between(start, clock.instant()), new KafkaAasException(ExitCode.INTERNAL,
                    "internal error: " + e + "; rerun with --verbose and report it", e));
        }
    }

    private static <T extends Change> T record(Attempt<T> attempt, List<StepOutcome> steps) {
        if (attempt.failure() != null) {
            throw new BootstrapFailedException(attempt.step(), attempt.failure(), steps);
        }
        steps.add(new StepOutcome(attempt.step(), Optional.of(attempt.result()), attempt.took()));
        LOG.info("{} step: {} in {} ms", attempt.step().label(), attempt.result().changed() ? "changed" : "unchanged",
                attempt.took().toMillis());
        return attempt.result();
    }
}
