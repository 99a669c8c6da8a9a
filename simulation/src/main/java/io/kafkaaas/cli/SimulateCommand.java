package io.kafkaaas.cli;

import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.localcloud.CloudTimings;
import io.kafkaaas.render.KafkaMode;
import io.kafkaaas.simulation.KafkaLibs;
import io.kafkaaas.simulation.Simulation;
import io.kafkaaas.simulation.SimulationSettings;
import io.kafkaaas.simulation.Timeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        header = "Run the whole mechanism on this machine with real Kafka brokers.",
        description = {"Run the whole mechanism on this machine: an embedded ZooKeeper, a local cloud (EC2 + IMDSv2),",
                "N instances booted concurrently, a real Kafka 3.9 broker each; produce data, terminate instances and",
                "show that each replacement comes back with the same broker id, ENI IP and volume. Ctrl-C stops it all.",
                "With --kafka-mode kraft there is no ZooKeeper: claims are ENI attachments, every node is a Kafka 4.x",
                "controller and broker, the voters are the ENIs' addresses,",
                "and each replacement must also bring the metadata quorum back with every voter caught up."})
final class SimulateCommand extends HelperCommand {
    private static final Pattern ZONE = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]");
    static final int MAX_BROKERS = 9;

    @Option(names = "--brokers", paramLabel = "N", defaultValue = "3", description = "Brokers (1-" + MAX_BROKERS + "). Default: ${DEFAULT-VALUE}.")
    int brokers = 3;

    @Option(names = "--replacements", paramLabel = "N", defaultValue = "1",
            description = "Instances to terminate and replace, one after the other (broker 0, 1, ...): a rolling replacement,"
                    + " each step gated on the replacement's wait-healthy and on 0 under-replicated partitions. Default: ${DEFAULT-VALUE}.")
    int replacements = 1;

    @Option(names = "--extra-instances", paramLabel = "N", defaultValue = "0",
            description = "Instances the group launches beyond the broker count, after the brokers: each finds no free id"
                    + " (exit 3) and must stay in service as a standby without disturbing the brokers. Default: ${DEFAULT-VALUE}.")
    int extraInstances;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Where volumes, instance roots and logs go; kept afterwards. Default: a temporary directory, deleted at the end.")
    Path workdir;

    @Option(names = "--records", paramLabel = "N", defaultValue = "20000", description = "Records produced before the first replacement. Default: ${DEFAULT-VALUE}.")
    long records = 20_000;

    @Option(names = "--records-while-down", paramLabel = "N", defaultValue = "5000",
            description = "Records produced while a broker is down: what its replacement must catch up on. Default: ${DEFAULT-VALUE}.")
    long recordsWhileDown = 5_000;

    @Option(names = "--record-size", paramLabel = "BYTES", defaultValue = "1024", description = "Record value size. Default: ${DEFAULT-VALUE}.")
    int recordSize = 1024;

    @Option(names = "--replacement-volume", paramLabel = "reattach|fresh", defaultValue = "reattach",
            description = "reattach (the design: the replacement gets the old volume) or fresh (benchmark baseline: an empty"
                    + " volume, so the broker re-replicates everything). Default: ${DEFAULT-VALUE}.")
    String replacementVolume = "reattach";

    @Option(names = "--fail-first-boot",
            description = "The first replacement's boot fails for real: its bootstrap gets a --cluster-id that its volume's"
                    + " meta.properties refuses (exit 5, nothing starts), it signals failure, and the group replaces it again.")
    boolean failFirstBoot;

    @Option(names = "--replication-throttle", paramLabel = "MIB_PER_S", defaultValue = "0",
            description = "Cap the catch-up replication of out-of-sync replicas, as a real network or EBS volume would"
                    + " (loopback is far faster). 0 = no cap. Default: ${DEFAULT-VALUE}.")
    int replicationThrottle;

    @Option(names = "--azs", paramLabel = "AZ[,AZ...]", split = ",", defaultValue = "us-east-1a,us-east-1b,us-east-1c",
            description = "Availability Zones; broker i lives in the (i mod n)-th. Default: ${DEFAULT-VALUE}.")
    List<String> zones = new ArrayList<>();

    @Option(names = "--tls",
            description = "Secure the cluster: a throw-away CA (inside the workdir) signs a keystore per broker id, stored in the"
                    + " local cloud's SSM; brokers fetch them at boot, clients use SSL on --kafka-port, brokers SASL_SSL"
                    + " (SCRAM-SHA-512) on --kafka-port + 1; every record is consumed back over TLS.")
    boolean tls;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "Port every broker listens on, at its ENI's loopback IP (127.0.N.10+id). Default: ${DEFAULT-VALUE}.")
    int kafkaPort = 9092;

    @Option(names = "--zookeeper-port", paramLabel = "PORT", defaultValue = "0", description = "Port of the embedded ZooKeeper. Default: a free port.")
    int zookeeperPort;

    @Option(names = "--cloud-port", paramLabel = "PORT", defaultValue = "0", description = "Port of the local cloud. Default: a free port.")
    int cloudPort;

    @Option(names = "--kafka-mode", paramLabel = "zookeeper|kraft", defaultValue = "zookeeper",
            description = "zookeeper: Kafka 3.9 brokers in ZooKeeper mode (Confluent Platform 7.x); kraft: Kafka 4.x combined"
                    + " controller+broker nodes (Confluent Platform 8.x), controllers on --kafka-port + 1, claims on the ENI store"
                    + " and no ZooKeeper. Default: ${DEFAULT-VALUE}.")
    KafkaMode kafkaMode = KafkaMode.zookeeper;

    @Option(names = "--kafka-libs", paramLabel = "DIR",
            description = "Kafka classpath directory: 3.9 for zookeeper mode, 4.x for kraft. Default: simulation-kafka/target/kafka-libs"
                    + " (kraft: simulation-kafka4/target/kafka-libs) beside the helper jar.")
    Path kafkaLibs;

    @Override
    protected CommandResult execute() throws Exception {
        SimulationSettings settings = validate();
        Timeline timeline = new Timeline(spec.commandLine().getErr());
        Simulation simulation = new Simulation(settings, timeline);
        Thread hook = new Thread(() -> {
            timeline.event("interrupted: stopping brokers, ZooKeeper and the local cloud");
            simulation.close();
        }, "simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Simulation.Report report;
        try {
            report = simulation.run();
        } finally {
            timeline.event("stopping the brokers one by one, ZooKeeper and the local cloud");
            simulation.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or ran
            }
        }
        timeline.event("stopped every broker, ZooKeeper and the local cloud");
        List<String> problems = problems(report);
        if (!problems.isEmpty()) {
            throw new KafkaAasException(ExitCode.INTERNAL, "simulation failed: " + String.join("; ", problems)
                    + (settings.deleteWorkdirAtEnd() ? "; rerun with --workdir DIR to keep the logs" : "; logs under " + settings.workdir()));
        }
        return result(settings, report, timeline);
    }

    private SimulationSettings validate() {
        if (brokers < 1 || brokers > MAX_BROKERS) {
            throw new UsageException("--brokers " + brokers + " is out of range 1-" + MAX_BROKERS);
        }
        if (replacements < 0 || replacements > 20) {
            throw new UsageException("--replacements " + replacements + " is out of range 0-20");
        }
        if (records < 1 || records > 10_000_000 || recordsWhileDown < 0 || recordsWhileDown > 10_000_000) {
            throw new UsageException("--records must be 1-10000000 and --records-while-down 0-10000000");
        }
        if (recordSize < 1 || recordSize > 1_000_000) {
            throw new UsageException("--record-size " + recordSize + " is out of range 1-1000000 bytes");
        }
        boolean fresh = switch (replacementVolume) {
            case "reattach" -> false;
            case "fresh" -> true;
            default -> throw new UsageException("--replacement-volume '" + replacementVolume + "' must be reattach or fresh");
        };
        if (extraInstances < 0 || extraInstances > 5) {
            throw new UsageException("--extra-instances " + extraInstances + " is out of range 0-5");
        }
        if (extraInstances > 0 && kafkaMode == KafkaMode.kraft) {
            // The standby check reads the claims and /brokers/ids in ZooKeeper; KRaft runs have none.
            throw new UsageException("--extra-instances runs in ZooKeeper mode only; drop it or --kafka-mode kraft");
        }
        if (failFirstBoot && replacements < 1) {
            throw new UsageException("--fail-first-boot needs --replacements 1 or more: it fails the first replacement's boot");
        }
        if (zones.isEmpty() || zones.stream().anyMatch(z -> !ZONE.matcher(z).matches())) {
            throw new UsageException("--azs " + String.join(",", zones) + " must list Availability Zones such as us-east-1a");
        }
        if (zones.stream().map(z -> z.substring(0, z.length() - 1)).distinct().count() != 1 || zones.stream().distinct().count() != zones.size()) {
            throw new UsageException("--azs " + String.join(",", zones) + " must be distinct AZs of one region");
        }
        if (replicationThrottle < 0 || replicationThrottle > 10_000) {
            throw new UsageException("--replication-throttle " + replicationThrottle + " is out of range 0-10000 MiB/s");
        }
        int maxPort = kafkaMode == KafkaMode.kraft ? 65534 : 65535; // KRaft: the controller listener takes the next port
        if (kafkaPort < 1 || kafkaPort > maxPort) {
            throw new UsageException("--kafka-port " + kafkaPort + " is out of range 1-" + maxPort);
        }
        if (tls && kafkaPort == 65535) {
            throw new UsageException("--kafka-port 65535 leaves no port for the brokers' own listener (--kafka-port + 1) with --tls");
        }
        if (tls && kafkaMode == KafkaMode.kraft) {
            throw new UsageException("--tls runs in ZooKeeper mode only (the brokers' SCRAM user is written to ZooKeeper); drop --tls or --kafka-mode kraft");
        }
        KafkaLibs libs = KafkaLibs.locate(kafkaMode, Optional.ofNullable(kafkaLibs));
        LocalChecks.portFree("--zookeeper-port", "127.0.0.1", zookeeperPort);
        LocalChecks.portFree("--cloud-port", "127.0.0.1", cloudPort);
        SimulationSettings probe = settings(Path.of("."), false, fresh, libs);
        for (int id = 0; id < brokers; id++) {
            LocalChecks.portFree("--kafka-port", probe.eniAddress(id), kafkaPort);
            if (tls) {
                LocalChecks.portFree("--kafka-port + 1 (the brokers' own listener with --tls)", probe.eniAddress(id), kafkaPort + 1);
            }
            if (probe.kraft()) {
                LocalChecks.portFree("the KRaft controller port, --kafka-port + 1", probe.eniAddress(id), probe.controllerPort());
            }
        }
        Path dir;
        boolean temporary = workdir == null;
        if (temporary) {
            try {
                dir = Files.createTempDirectory("kafka-aas-simulation-");
            } catch (IOException e) {
                throw new UsageException("cannot create a temporary workdir (" + e.getMessage() + "); pass --workdir DIR");
            }
        } else {
            dir = LocalChecks.writableWorkdir(workdir);
            try (var entries = Files.list(dir)) {
                if (entries.anyMatch(p -> !p.getFileName().toString().startsWith("."))) {
                    throw new UsageException("--workdir " + dir + " is not empty; pass an empty or new directory"
                            + " (a simulation never reuses old volumes)");
                }
            } catch (IOException e) {
                throw new UsageException("--workdir " + dir + " cannot be listed: " + e.getMessage());
            }
        }
        return settings(dir, temporary, fresh, libs);
    }

    private SimulationSettings settings(Path dir, boolean temporary, boolean fresh, KafkaLibs libs) {
        return new SimulationSettings(brokers, replacements, dir, temporary, records, recordSize, recordsWhileDown, fresh, failFirstBoot,
                replicationThrottle, kafkaPort, zookeeperPort, cloudPort, libs, List.copyOf(zones), "simulation", "KAFKA-", CloudTimings.DEFAULT,
                tls, extraInstances, kafkaMode, clusterId);
    }

    /** KRaft: one cluster id for every node's format and meta.properties check, as 'kafka-storage random-uuid' makes one. */
    private final String clusterId = randomClusterId();

    static String randomClusterId() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do { // Kafka's Uuid.randomUuid also refuses ids that start with '-', which a command line would read as an option
            random.nextBytes(bytes);
            id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    static List<String> problems(Simulation.Report report) {
        List<String> problems = new ArrayList<>();
        for (Simulation.Replacement r : report.replacements()) {
            if (!r.keptIdentity()) {
                problems.add("replacement of broker " + r.brokerId() + " did not keep its ENI IP and volume: " + r.before() + " -> " + r.after());
            }
        }
        for (Simulation.Replacement r : report.replacements()) {
            if (r.underReplicatedAtEnd() != 0) {
                problems.add("the roll step of broker " + r.brokerId() + " ended with " + r.underReplicatedAtEnd()
                        + " under-replicated partition(s)");
            }
        }
        for (Simulation.Standby s : report.standbys()) {
            if (!s.harmless(report.brokers().size())) {
                problems.add("extra instance " + s.instanceId() + " did not end as a harmless standby: " + s);
            }
        }
        if (report.underReplicatedPartitions() != 0) {
            problems.add(report.underReplicatedPartitions() + " partitions are still under-replicated");
        }
        report.quorum().ifPresent(q -> q.path("voters").forEach(v -> {
            if (v.path("lag").asLong(-1) != 0) {
                problems.add("metadata quorum voter " + v.path("id").asInt() + " lags the leader by " + v.path("lag").asLong(-1));
            }
        }));
        if (report.recordsInTopic() != report.recordsProduced()) {
            problems.add("the topic holds " + report.recordsInTopic() + " records but " + report.recordsProduced() + " were produced");
        }
        if (report.recordsConsumed() >= 0 && report.recordsConsumed() != report.recordsInTopic()) {
            problems.add("only " + report.recordsConsumed() + " of " + report.recordsInTopic() + " records could be consumed over TLS");
        }
        return problems;
    }

    private static Map<String, Object> identityJson(Simulation.Identity i) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instanceId", i.instanceId());
        json.put("availabilityZone", i.availabilityZone());
        json.put("privateIp", i.privateIp());
        json.put("volumeId", i.volumeId());
        json.put("directoryId", i.directoryId());
        return json;
    }

    private static Map<String, Object> bootJson(Simulation.Boot b) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instanceId", b.instanceId());
        json.put("availabilityZone", b.availabilityZone());
        json.put("purpose", b.purpose());
        json.put("succeeded", b.succeeded());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (var s : b.steps()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", s.name());
            row.put("atSeconds", s.atSeconds());
            row.put("seconds", s.seconds());
            row.put("exitCode", s.exitCode());
            row.put("detail", s.detail());
            steps.add(row);
        }
        json.put("steps", steps);
        json.put("waitHealthy", b.waitHealthy().orElse(null));
        json.put("lifecycleState", b.lifecycleState());
        json.put("healthStatus", b.healthStatus());
        json.put("standby", b.standby());
        return json;
    }

    private static Map<String, Object> standbyJson(Simulation.Standby s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instanceId", s.instanceId());
        json.put("availabilityZone", s.availabilityZone());
        json.put("bootstrapExitCode", s.bootstrapExitCode());
        json.put("lifecycleState", s.lifecycleState());
        json.put("healthStatus", s.healthStatus());
        json.put("listedWaitingForId", s.listedWaiting());
        json.put("ownsSlot", s.ownsSlot());
        json.put("brokersRegisteredAfter", s.brokersAfter());
        json.put("underReplicatedAfter", s.underReplicatedAfter());
        return json;
    }

    private static CommandResult result(SimulationSettings settings, Simulation.Report report, Timeline timeline) {
        return new CommandResult() {
            @Override
            public Map<String, Object> json() {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("changed", true);
                json.put("brokers", report.brokers().size());
                json.put("kafkaMode", settings.kafkaMode().name());
                json.put("workdir", settings.deleteWorkdirAtEnd() ? null : settings.workdir().toString());
                json.put("topic", SimulationSettings.TOPIC);
                json.put("recordsProduced", report.recordsProduced());
                json.put("recordsInTopic", report.recordsInTopic());
                json.put("tls", settings.tls());
                if (report.recordsConsumed() >= 0) {
                    json.put("recordsConsumed", report.recordsConsumed());
                }
                List<Map<String, Object>> replacements = new ArrayList<>();
                for (Simulation.Replacement r : report.replacements()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("brokerId", r.brokerId());
                    row.put("before", identityJson(r.before()));
                    row.put("after", identityJson(r.after()));
                    row.put("volume", r.volume());
                    row.put("bytesOnVolumeAtBoot", r.bytesOnVolumeAtBoot());
                    row.put("bytesFetchedFromPeers", r.bytesFetchedFromPeers());
                    row.put("secondsToInSync", r.secondsToInSync());
                    row.put("secondsFromTerminateToInSync", r.secondsFromTerminateToInSync());
                    row.put("failedBoots", r.failedInstances());
                    row.put("waitHealthy", r.waitHealthy());
                    row.put("underReplicatedWhileDown", r.underReplicatedWhileDown());
                    row.put("underReplicatedAtEnd", r.underReplicatedAtEnd());
                    replacements.add(row);
                }
                json.put("replacements", replacements);
                json.put("boots", report.boots().stream().map(SimulateCommand::bootJson).toList());
                json.put("standbys", report.standbys().stream().map(SimulateCommand::standbyJson).toList());
                json.put("finalBrokers", report.brokers().stream().map(SimulateCommand::identityJson).toList());
                json.put("underReplicatedPartitions", report.underReplicatedPartitions());
                json.put("offlinePartitions", report.offlinePartitions());
                report.quorum().ifPresent(q -> json.put("quorum", q));
                json.put("seconds", Math.round(report.seconds() * 10) / 10.0);
                json.put("timeline", timeline.events());
                return json;
            }

            @Override
            public String text() {
                StringBuilder out = new StringBuilder();
                for (Simulation.Replacement r : report.replacements()) {
                    out.append(String.format("broker %d: %s -> %s%s; ENI IP %s -> %s; volume %s -> %s (%s); fetched %.1f MiB from"
                                    + " peers, back in every ISR %.1f s after Kafka started, %.1f s after the termination%n", r.brokerId(),
                            r.before().instanceId(), r.after().instanceId(),
                            r.failedInstances().isEmpty() ? "" : " (after failed boots of " + String.join(", ", r.failedInstances()) + ")",
                            r.before().privateIp(), r.after().privateIp(), r.before().volumeId(), r.after().volumeId(), r.volume(),
                            r.bytesFetchedFromPeers() / 1048576.0, r.secondsToInSync(), r.secondsFromTerminateToInSync()));
                    out.append(String.format("  under-replicated partitions: %d while it was down, %d at the end of its step%n",
                            r.underReplicatedWhileDown(), r.underReplicatedAtEnd()));
                }
                for (Simulation.Standby s : report.standbys()) {
                    out.append(String.format("standby %s in %s: no free id (exit %d), %s/%s, listed waiting for an id: %s,"
                                    + " brokers %s undisturbed%n", s.instanceId(), s.availabilityZone(), s.bootstrapExitCode(),
                            s.lifecycleState(), s.healthStatus(), s.listedWaiting(), s.brokersAfter()));
                }
                report.quorum().ifPresent(q -> out.append(String.format("metadata quorum: leader %d, voters %s, all caught up%n",
                        q.path("leader").asInt(), q.path("voters"))));
                out.append(String.format("OK: %d brokers, %d replacement(s) kept their broker id, ENI IP and data; %d/%d records"
                                + " present; under-replicated partitions: %d (%.0f s)", report.brokers().size(),
                        report.replacements().size(), report.recordsInTopic(), report.recordsProduced(),
                        report.underReplicatedPartitions(), report.seconds()));
                return out.toString();
            }
        };
    }
}
