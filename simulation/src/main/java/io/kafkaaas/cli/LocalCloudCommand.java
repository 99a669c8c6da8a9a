package io.kafkaaas.cli;

import io.kafkaaas.core.BrokerTags;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.localcloud.BrokerResources;
import io.kafkaaas.localcloud.CloudInstance;
import io.kafkaaas.localcloud.CloudTimings;
import io.kafkaaas.localcloud.LocalCloud;
import io.kafkaaas.localcloud.LocalAutoScaling;
import io.kafkaaas.localcloud.LocalCloudServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * Serves the local cloud (EC2 Query API and per-instance IMDSv2) until Ctrl-C, for kitchen.yml's configure
 * suite and for trying the helper by hand. It prints its endpoints once, then keeps running.
 */
@Command(name = "local-cloud", mixinStandardHelpOptions = true,
        header = "Run a local stand-in for EC2 and IMDSv2 until Ctrl-C.",
        description = {"Run a local stand-in for EC2 and IMDSv2 (one ENI or volume per instance, AZs, release on",
                "terminate) with per-broker ENIs and volumes tagged <prefix><id>; print its endpoints; run until Ctrl-C."})
final class LocalCloudCommand implements Callable<Integer> {
    private static final Pattern ZONE = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]");

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Port of the EC2 endpoint (IMDS is served on it too, under /<instance-id>). Default: a free port.")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host = "127.0.0.1";

    @Option(names = "--workdir", paramLabel = "DIR", required = true, description = "Where the volumes' directories live.")
    Path workdir;

    @Option(names = "--brokers", paramLabel = "N", defaultValue = "3", description = "Broker slots: ENIs and volumes tagged <prefix>0..N-1. Default: ${DEFAULT-VALUE}.")
    int brokers = 3;

    @Option(names = "--azs", paramLabel = "AZ[,AZ...]", split = ",", defaultValue = "us-east-1a,us-east-1b,us-east-1c",
            description = "Availability Zones of one region; broker i lives in the (i mod n)-th. Default: ${DEFAULT-VALUE}.")
    List<String> zones = new ArrayList<>();

    @Option(names = "--instances", paramLabel = "N", defaultValue = "0",
            description = "Instances to launch at once (round robin over the AZs), each with its own IMDS endpoint. Default: ${DEFAULT-VALUE}.")
    int instances;

    @Option(names = "--group-instances", paramLabel = "N", defaultValue = "0",
            description = "Instances the Auto Scaling group launches (after --instances): tagged with the group and its stack,"
                    + " held in Pending:Wait by the launch hook, so that signal finds and answers all it sends (the bake's"
                    + " AppCDS training of signal). Default: ${DEFAULT-VALUE}.")
    int groupInstances;

    @Option(names = "--instance-id", paramLabel = "ID",
            description = "Launch an instance with this id (repeatable), so that its IMDS endpoint is known in advance"
                    + " (Test Kitchen); in addition to --instances.")
    List<String> instanceIds = new ArrayList<>();

    @Option(names = "--tag-prefix", paramLabel = "PREFIX", defaultValue = BrokerTags.DEFAULT_PREFIX,
            description = "Name-tag prefix of the ENIs and volumes. Default: ${DEFAULT-VALUE}.")
    String tagPrefix = BrokerTags.DEFAULT_PREFIX;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String region = validate();
        LocalChecks.portFree("--port", host, port);
        Path dir = LocalChecks.writableWorkdir(workdir);

        LocalCloud cloud = new LocalCloud(region, dir, CloudTimings.DEFAULT, Clock.systemUTC());
        LocalCloudServer server;
        try {
            server = LocalCloudServer.start(cloud, host, port);
        } catch (IOException e) {
            cloud.close();
            throw new UsageException("cannot serve the local cloud on " + host + ":" + port + ": " + e.getMessage()
                    + "; pass another --port");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "local-cloud-shutdown"));

        List<BrokerResources.Slot> slots = BrokerResources.create(cloud, tagPrefix, brokers, zones);
        List<CloudInstance> launched = new ArrayList<>();
        for (String id : instanceIds) {
            launched.add(cloud.runInstance(id, zones.get(launched.size() % zones.size()), null, null, Map.of()));
        }
        for (int i = 0; i < instances; i++) {
            launched.add(cloud.runInstance(zones.get(launched.size() % zones.size()), null, null, Map.of()));
        }
        for (int i = 0; i < groupInstances; i++) {
            launched.add(cloud.autoScaling().launch(zones.get(launched.size() % zones.size())));
        }
        print(server, slots, launched);
        stopped.await();
        return 0;
    }

    private String validate() {
        if (brokers < 1 || brokers > 240) {
            throw new UsageException("--brokers " + brokers + " is out of range 1-240");
        }
        if (instances < 0 || instances > 100) {
            throw new UsageException("--instances " + instances + " is out of range 0-100");
        }
        if (groupInstances < 0 || groupInstances > 100) {
            throw new UsageException("--group-instances " + groupInstances + " is out of range 0-100");
        }
        for (String id : instanceIds) {
            if (!id.matches("i-[0-9a-f]{8,17}")) {
                throw new UsageException("--instance-id '" + id + "' is not an EC2 instance id (i- and 8 to 17 hex digits)");
            }
        }
        if (instanceIds.stream().distinct().count() != instanceIds.size()) {
            throw new UsageException("--instance-id " + String.join(",", instanceIds) + " names an instance twice");
        }
        if (zones.isEmpty()) {
            throw new UsageException("--azs needs at least one Availability Zone");
        }
        String region = null;
        for (String zone : zones) {
            if (!ZONE.matcher(zone).matches()) {
                throw new UsageException("--azs '" + zone + "' is not an Availability Zone (e.g. us-east-1a)");
            }
            String zoneRegion = zone.substring(0, zone.length() - 1);
            if (region != null && !region.equals(zoneRegion)) {
                throw new UsageException("--azs " + String.join(",", zones) + " spans regions " + region + " and "
                        + zoneRegion + "; use the AZs of one region");
            }
            region = zoneRegion;
        }
        if (zones.stream().distinct().count() != zones.size()) {
            throw new UsageException("--azs " + String.join(",", zones) + " names an AZ twice");
        }
        return region;
    }

    private void print(LocalCloudServer server, List<BrokerResources.Slot> slots, List<CloudInstance> launched) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("changed", true);
        json.put("region", server.cloud().region());
        json.put("ec2Endpoint", server.ec2Endpoint().toString());
        json.put("imdsEndpointTemplate", server.ec2Endpoint() + "/<instance-id>");
        json.put("workdir", server.cloud().workdir().toString());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BrokerResources.Slot s : slots) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("brokerId", s.brokerId());
            row.put("availabilityZone", s.eni().availabilityZone());
            row.put("eniId", s.eni().id());
            row.put("privateIp", s.eni().privateIp());
            row.put("macAddress", s.eni().macAddress());
            row.put("volumeId", s.volume().id());
            row.put("volumeDirectory", s.volume().directory().toString());
            rows.add(row);
        }
        json.put("brokers", rows);
        List<Map<String, Object>> instanceRows = new ArrayList<>();
        for (CloudInstance i : launched) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("instanceId", i.id());
            row.put("availabilityZone", i.availabilityZone());
            row.put("imdsEndpoint", server.imdsEndpoint(i.id()).toString());
            server.cloud().autoScaling().member(i.id()).ifPresent(m -> {
                row.put("autoScalingGroup", LocalAutoScaling.GROUP);
                row.put("lifecycleState", m.lifecycleState());
            });
            instanceRows.add(row);
        }
        json.put("instances", instanceRows);

        PrintWriter out = spec.commandLine().getOut();
        if (global.output() == OutputFormat.json) {
            out.println(ResultPrinter.toJson(json));
        } else {
            out.println("local cloud for region " + server.cloud().region() + " (Ctrl-C stops it)");
            out.println("  --ec2-endpoint  " + server.ec2Endpoint());
            out.println("  --imds-endpoint " + server.ec2Endpoint() + "/<instance-id>");
            for (BrokerResources.Slot s : slots) {
                out.printf("  broker %d: %s %s %s, volume %s (%s)%n", s.brokerId(), s.eni().availabilityZone(), s.eni().id(),
                        s.eni().privateIp(), s.volume().id(), s.volume().directory());
            }
            for (CloudInstance i : launched) {
                out.printf("  instance %s in %s: --imds-endpoint %s%s%n", i.id(), i.availabilityZone(), server.imdsEndpoint(i.id()),
                        server.cloud().autoScaling().member(i.id()).map(m -> " (group " + LocalAutoScaling.GROUP + ", " + m.lifecycleState() + ")").orElse(""));
            }
        }
        out.flush();
    }
}
