package io.kafkaaas.cli;

import io.kafkaaas.core.AvailabilityZone;
import io.kafkaaas.core.BrokerCount;
import io.kafkaaas.core.BrokerId;
import io.kafkaaas.core.KafkaClusterId;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.Ipv4Address;
import io.kafkaaas.network.PolicyRouting;
import io.kafkaaas.render.BrokerIdentity;
import io.kafkaaas.render.ConfigRenderer;
import io.kafkaaas.render.NetworkStyle;
import io.kafkaaas.render.RenderRequest;
import io.kafkaaas.render.RenderResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;

@Command(name = "render", mixinStandardHelpOptions = true,
        header = "Write this broker's Kafka, environment and network files from templates.",
        description = {"Write this broker's server.properties, the Kafka environment file and the ENI's network files",
                "from the templates. Everything is rendered and checked first; then each file is written atomically,",
                "and only a file whose content differs counts as changed."})
final class RenderCommand extends HelperCommand {
    @Option(names = "--broker-id", paramLabel = "ID", description = "The broker id claim-id returned (node.id in KRaft mode).")
    BrokerId brokerId;

    @Option(names = "--availability-zone", paramLabel = "AZ", description = "This instance's AZ, written as broker.rack.")
    AvailabilityZone availabilityZone;

    @Option(names = "--log-dir", paramLabel = "DIR[,DIR]", description = "log.dirs: the data directory on the broker's EBS volume.")
    String logDir;

    @Option(names = "--broker-count", paramLabel = "N",
            description = "Number of brokers: default.replication.factor = min(3, N), min.insync.replicas one less (at least 1).")
    BrokerCount brokerCount;

    @Option(names = "--zookeeper", paramLabel = "CONNECT",
            description = "ZooKeeper connect string, host:port[,host:port][/chroot]; zookeeper.connect in ZooKeeper mode.")
    String zookeeper;

    @Option(names = "--cluster-id", paramLabel = "ID",
            description = "KRaft: the cluster id to format storage with; written to the environment file as KAFKA_CLUSTER_ID.")
    KafkaClusterId clusterId;

    @Mixin
    RenderOptions render = new RenderOptions();

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Mixin
    FileOptions fileOptions = new FileOptions();

    /** Every option is checked here, before a template is read or a file is touched. */
    RenderRequest request() {
        if (brokerId == null) {
            throw new UsageException("--broker-id is required: the broker id that claim-id returned");
        }
        Ipv4Address ip = network.privateIp();
        if (brokerCount == null) {
            throw new UsageException("--broker-count is required: the number of brokers, for the replication defaults");
        }
        BrokerIdentity broker = new BrokerIdentity(brokerId.value(), ip, Optional.ofNullable(availabilityZone).map(AvailabilityZone::name),
                BrokerIdentity.splitLogDirs(logDir));
        Optional<PolicyRouting> routing = render.networkStyle() == NetworkStyle.none
                ? Optional.empty() : Optional.of(network.routing());
        return render.settings(Optional.ofNullable(zookeeper), brokerCount.value(),
                Optional.ofNullable(clusterId).map(KafkaClusterId::value)).request(broker, routing);
    }

    @Override
    protected CommandResult execute() {
        RenderRequest request = request();
        ConfigRenderer renderer = new ConfigRenderer(fileOptions.templates(), fileOptions.files());
        RenderResult result = renderer.render(request);
        return new RenderView(request, result);
    }
}
