package io.kafkaaas.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaaas.core.ExitCode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The AMI's boot script for one simulated instance, step for step (DESIGN.md boot flow 2 to 5): {@code kafka-aas
 * bootstrap}, in KRaft mode {@code kafka-storage format} of a new volume, start Kafka from the rendered server.properties
 * and environment file, {@code kafka-aas wait-healthy},
 * then {@code kafka-aas signal --success}; the first failure stops the sequence and sends {@code signal --failure},
 * so the group replaces the instance. Every step is timed and kept with its exit code.
 */
final class InstanceBoot {
    /** Bounds for a broken run only: on a loaded machine a broker takes a minute or more to register. */
    static final String WAIT_HEALTHY_TIMEOUT_SECONDS = "300";

    /**
     * One boot: its steps in order and, when Kafka started, the broker; {@code waitHealthy} is that command's JSON, and
     * {@code healthyAtMillis} when it said the broker was back in every ISR.
     */
    record Report(String instanceId, List<BootStep> steps, boolean succeeded, Optional<BootedBroker> broker,
                  Optional<BrokerProcess> process, Optional<JsonNode> waitHealthy, long bytesOnVolumeAtBoot, long kafkaStartedAtMillis,
                  long healthyAtMillis, boolean standby) {
    }

    private final HelperCli cli;
    private final ChildProcesses children;
    private final KafkaLibs kafkaLibs;
    private final BrokerArchive brokerArchive;
    private final Path volumes;
    private final Timeline timeline;
    private final VolumeBytes volumeBytes;
    private final boolean kraft;

    /** How many bytes a volume holds, by volume id: measured after bootstrap, before Kafka touches it. */
    @FunctionalInterface
    interface VolumeBytes {
        long of(String volumeId) throws java.io.IOException;
    }

    private final Optional<SimulatedTls> tls;

    /** With --tls: bootstrap fetches the secrets and renders TLS and SCRAM; wait-healthy connects over TLS. */
    InstanceBoot(HelperCli cli, ChildProcesses children, KafkaLibs kafkaLibs, BrokerArchive brokerArchive, Path volumes, Timeline timeline, VolumeBytes volumeBytes,
                 Optional<SimulatedTls> tls, boolean kraft) {
        this.tls = tls;
        this.cli = cli;
        this.children = children;
        this.kafkaLibs = kafkaLibs;
        this.brokerArchive = brokerArchive;
        this.volumes = volumes;
        this.timeline = timeline;
        this.volumeBytes = volumeBytes;
        this.kraft = kraft;
    }

    /**
     * What must have happened before this instance's Kafka starts. Nothing, for the boot script itself; for a
     * replacement, the simulation's own work with the broker it replaces down (the records produced while it is down
     * and the look at the cluster then), which runs alongside the replacement's launch and bootstrap as client traffic
     * does on AWS. A hold is no boot step: the timeline says when there was one, and it counts in the measured time.
     */
    @FunctionalInterface
    interface BeforeKafka {
        BeforeKafka NOTHING = () -> {
        };

        void await() throws Exception;
    }

    /** @param clusterIdFault a --cluster-id for bootstrap that the volume's meta.properties must refuse (a scenario's fault) */
    Report boot(SimulatedHost host, Optional<String> clusterIdFault) throws Exception {
        return boot(host, clusterIdFault, BeforeKafka.NOTHING);
    }

    /**
     * @param clusterIdFault a --cluster-id for bootstrap that the volume's meta.properties must refuse (a scenario's fault)
     * @param beforeKafka    awaited after bootstrap (and, in KRaft mode, the storage format), before Kafka starts
     */
    Report boot(SimulatedHost host, Optional<String> clusterIdFault, BeforeKafka beforeKafka) throws Exception {
        List<BootStep> steps = new ArrayList<>();

        java.nio.file.Files.createDirectories(host.root().resolve("etc"));
        double at = timeline.seconds();
        List<String> bootstrapArguments = new ArrayList<>(CliBootstrapStep.arguments(host, volumes, BrokerProcess.freePort(), clusterIdFault,
                kraft));
        tls.ifPresent(t -> bootstrapArguments.addAll(t.bootstrapArguments()));
        HelperCli.Run bootstrap = cli.call(host, bootstrapArguments);
        if (!bootstrap.ok()) {
            steps.add(step(host.instanceId(), "bootstrap", at, bootstrap.exitCode(), bootstrap.error()));
            if (bootstrap.exitCode() == ExitCode.NO_FREE_ID.code()) {
                return standby(host, steps);
            }
            return failed(host, steps, Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);
        }
        BootedBroker broker = CliBootstrapStep.booted(host, bootstrap.json());
        steps.add(step(host.instanceId(), "bootstrap", at, 0, "broker id " + broker.brokerId() + ", ENI " + broker.eniId() + " " + broker.privateIp()
                + ", volume " + broker.volumeId()));

        long onVolume = volumeBytes.of(broker.volumeId());

        KafkaEnvironment environment = KafkaEnvironment.read(host.environmentFile());
        if (kraft) {
            at = timeline.seconds();
            StorageFormatStep.Outcome format = StorageFormatStep.run(children, kafkaLibs, broker.serverProperties(), environment,
                    host.logDir().resolve("kafka-storage.log"));
            steps.add(step(host.instanceId(), "kafka-storage format", at, format.exitCode(), format.detail()));
            if (format.exitCode() != 0) {
                return failed(host, steps, Optional.of(broker), Optional.empty(), Optional.empty(), onVolume, 0);
            }
        }

        at = timeline.seconds();
        beforeKafka.await();
        double held = timeline.seconds() - at;
        if (held >= 0.05) {
            timeline.event(String.format("%s start Kafka held %.1f s until the records while the old broker is down were produced"
                    + " and the cluster looked at (the simulation's work, not a boot step)", host.instanceId(), held));
        }
        at = timeline.seconds();
        BrokerProcess process = BrokerProcess.start(children, kafkaLibs, brokerArchive, broker.serverProperties(), environment,
                host.logDir().resolve("kafka.log"));
        long kafkaStartedAt = System.currentTimeMillis();
        steps.add(step(host.instanceId(), "start Kafka", at, 0, "broker " + broker.brokerId() + " on " + broker.privateIp() + ":" + host.kafkaPort()
                + " (pid " + process.pid() + "), " + String.join(" ", environment.jvmOptions().subList(0, 2)) + " from "
                + host.environmentFile().getFileName()));

        at = timeline.seconds();
        List<String> waitHealthy = new ArrayList<>(List.of("wait-healthy", "--root", host.root().toAbsolutePath().toString(),
                "--timeout", WAIT_HEALTHY_TIMEOUT_SECONDS));
        tls.ifPresent(t -> waitHealthy.addAll(List.of("--command-config", t.clientConfig().toAbsolutePath().toString())));
        if (kraft || tls.isPresent()) {
            // A KRaft node opens its client listener only once a majority of the voters is up and has elected a leader, and a
            // TLS broker on a loaded machine may open its listener later than the default 120 s: give either the whole wait.
            waitHealthy.addAll(List.of("--connect-timeout", WAIT_HEALTHY_TIMEOUT_SECONDS));
        }
        HelperCli.Run healthy = cli.call(host, waitHealthy);
        long healthyAt = System.currentTimeMillis();
        steps.add(step(host.instanceId(), "wait-healthy", at, healthy.exitCode(), healthy.ok() ? healthSummary(healthy.json()) : healthy.error()));
        if (!healthy.ok()) {
            return failed(host, steps, Optional.of(broker), Optional.of(process), Optional.of(healthy.json()), onVolume, kafkaStartedAt);
        }

        at = timeline.seconds();
        HelperCli.Run signal = signal(host, "--success");
        steps.add(step(host.instanceId(), "signal --success", at, signal.exitCode(), signal.ok() ? stepsOf(signal.json()) : signal.error()));
        if (!signal.ok()) {
            return failed(host, steps, Optional.of(broker), Optional.of(process), Optional.of(healthy.json()), onVolume, kafkaStartedAt);
        }
        return new Report(host.instanceId(), List.copyOf(steps), true, Optional.of(broker), Optional.of(process), Optional.of(healthy.json()),
                onVolume, kafkaStartedAt, healthyAt, false);
    }

    /** The boot script's failure path: signal --failure, which has the group terminate and replace this instance. */
    private Report failed(SimulatedHost host, List<BootStep> steps, Optional<BootedBroker> broker, Optional<BrokerProcess> process,
                          Optional<JsonNode> waitHealthy, long onVolume, long kafkaStartedAt) throws Exception {
        double at = timeline.seconds();
        HelperCli.Run signal = signal(host, "--failure");
        steps.add(step(host.instanceId(), "signal --failure", at, signal.exitCode(), signal.ok() ? stepsOf(signal.json()) : signal.error()));
        return new Report(host.instanceId(), List.copyOf(steps), false, broker, process, waitHealthy, onVolume, kafkaStartedAt, 0, false);
    }

    /**
     * The boot script's no-free-id path (bootstrap exit 3): signal --waiting, which keeps the instance in service as a
     * standby without Kafka. Replacing it would only launch another instance that finds no id either.
     */
    private Report standby(SimulatedHost host, List<BootStep> steps) throws Exception {
        double at = timeline.seconds();
        HelperCli.Run signal = signal(host, "--waiting");
        steps.add(step(host.instanceId(), "signal --waiting", at, signal.exitCode(), signal.ok() ? stepsOf(signal.json()) : signal.error()));
        return new Report(host.instanceId(), List.copyOf(steps), false, Optional.empty(), Optional.empty(), Optional.empty(), 0, 0, 0,
                signal.ok());
    }

    private HelperCli.Run signal(SimulatedHost host, String outcome) throws Exception {
        List<String> args = new ArrayList<>(List.of("signal", outcome));
        args.addAll(host.awsOptions());
        args.addAll(host.lifecycleOptions());
        return cli.call(host, args);
    }

    private BootStep step(String instanceId, String name, double at, int exitCode, String detail) {
        double seconds = timeline.seconds() - at;
        timeline.event(String.format("%s %s: %s in %.1f s; %s", instanceId, name,
                exitCode == 0 ? "ok" : "exit " + exitCode, seconds, detail));
        return new BootStep(name, Math.round(at * 10) / 10.0, Math.round(seconds * 100) / 100.0, exitCode, detail);
    }

    private static String healthSummary(JsonNode json) {
        return "broker " + json.path("brokerId").asText() + " registered, " + json.path("partitions").asInt() + " partitions, "
                + json.path("outOfIsr").size() + " out of ISR, " + json.path("underReplicated").size() + " under-replicated";
    }

    private static String stepsOf(JsonNode json) {
        List<String> out = new ArrayList<>();
        json.path("steps").forEach(s -> out.add(s.path("action").asText() + ": " + s.path("status").asText()));
        return out.isEmpty() ? json.toString() : String.join(", ", out);
    }
}
