package io.kafkaaas.simulation;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The AMI's boot script for one simulated instance, step for step (DESIGN.md boot flow 2 to 5): {@code kafka-aas
 * bootstrap}, start Kafka from the rendered server.properties and environment file, {@code kafka-aas wait-healthy},
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
                  long healthyAtMillis) {
    }

    private final HelperCli cli;
    private final ChildProcesses children;
    private final KafkaLibs kafkaLibs;
    private final BrokerArchive brokerArchive;
    private final Path volumes;
    private final Timeline timeline;
    private final VolumeBytes volumeBytes;

    /** How many bytes a volume holds, by volume id: measured after bootstrap, before Kafka touches it. */
    @FunctionalInterface
    interface VolumeBytes {
        long of(String volumeId) throws java.io.IOException;
    }

    InstanceBoot(HelperCli cli, ChildProcesses children, KafkaLibs kafkaLibs, BrokerArchive brokerArchive, Path volumes, Timeline timeline, VolumeBytes volumeBytes) {
        this.cli = cli;
        this.children = children;
        this.kafkaLibs = kafkaLibs;
        this.brokerArchive = brokerArchive;
        this.volumes = volumes;
        this.timeline = timeline;
        this.volumeBytes = volumeBytes;
    }

    /** @param clusterIdFault a --cluster-id for bootstrap that the volume's meta.properties must refuse (a scenario's fault) */
    Report boot(SimulatedHost host, Optional<String> clusterIdFault) throws Exception {
        List<BootStep> steps = new ArrayList<>();

        java.nio.file.Files.createDirectories(host.root().resolve("etc"));
        double at = timeline.seconds();
        HelperCli.Run bootstrap = cli.call(host, CliBootstrapStep.arguments(host, volumes, BrokerProcess.freePort(), clusterIdFault));
        if (!bootstrap.ok()) {
            steps.add(step(host.instanceId(), "bootstrap", at, bootstrap.exitCode(), bootstrap.error()));
            return failed(host, steps, Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);
        }
        BootedBroker broker = CliBootstrapStep.booted(host, bootstrap.json());
        steps.add(step(host.instanceId(), "bootstrap", at, 0, "broker id " + broker.brokerId() + ", ENI " + broker.eniId() + " " + broker.privateIp()
                + ", volume " + broker.volumeId()));

        long onVolume = volumeBytes.of(broker.volumeId());

        at = timeline.seconds();
        KafkaEnvironment environment = KafkaEnvironment.read(host.environmentFile());
        BrokerProcess process = BrokerProcess.start(children, kafkaLibs, brokerArchive, broker.serverProperties(), environment,
                host.logDir().resolve("kafka.log"));
        long kafkaStartedAt = System.currentTimeMillis();
        steps.add(step(host.instanceId(), "start Kafka", at, 0, "broker " + broker.brokerId() + " on " + broker.privateIp() + ":" + host.kafkaPort()
                + " (pid " + process.pid() + "), " + String.join(" ", environment.jvmOptions().subList(0, 2)) + " from "
                + host.environmentFile().getFileName()));

        at = timeline.seconds();
        HelperCli.Run healthy = cli.call(host, List.of("wait-healthy", "--root", host.root().toAbsolutePath().toString(),
                "--timeout", WAIT_HEALTHY_TIMEOUT_SECONDS));
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
                onVolume, kafkaStartedAt, healthyAt);
    }

    /** The boot script's failure path: signal --failure, which has the group terminate and replace this instance. */
    private Report failed(SimulatedHost host, List<BootStep> steps, Optional<BootedBroker> broker, Optional<BrokerProcess> process,
                          Optional<JsonNode> waitHealthy, long onVolume, long kafkaStartedAt) throws Exception {
        double at = timeline.seconds();
        HelperCli.Run signal = signal(host, "--failure");
        steps.add(step(host.instanceId(), "signal --failure", at, signal.exitCode(), signal.ok() ? stepsOf(signal.json()) : signal.error()));
        return new Report(host.instanceId(), List.copyOf(steps), false, broker, process, waitHealthy, onVolume, kafkaStartedAt, 0);
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
