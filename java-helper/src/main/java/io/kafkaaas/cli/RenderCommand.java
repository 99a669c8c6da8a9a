package io.kafkaaas.cli;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.Ipv4Address;
import io.kafkaaas.network.PolicyRouting;
import io.kafkaaas.render.BrokerIdentity;
import io.kafkaaas.render.BrokerIds;
import io.kafkaaas.render.BrokerSettings;
import io.kafkaaas.render.ConfigRenderer;
import io.kafkaaas.render.ControllerVoter;
import io.kafkaaas.render.JvmSettings;
import io.kafkaaas.render.KafkaMode;
import io.kafkaaas.render.KafkaSettings;
import io.kafkaaas.render.NetworkStyle;
import io.kafkaaas.render.ProcessRoles;
import io.kafkaaas.render.RenderPaths;
import io.kafkaaas.render.RenderRequest;
import io.kafkaaas.render.RenderResult;
import io.kafkaaas.render.RenderedFile;
import io.kafkaaas.zk.ZkConnectString;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Write this broker's server.properties, the Kafka environment file and the ENI's network files",
                "from the templates. Everything is rendered and checked first; then each file is written atomically,",
                "and only a file whose content differs counts as changed."})
final class RenderCommand extends HelperCommand {
    @Option(names = "--broker-id", paramLabel = "ID", description = "The broker id claim-id returned (node.id in KRaft mode).")
    String brokerId;

    @Option(names = "--availability-zone", paramLabel = "AZ", description = "This instance's AZ, written as broker.rack.")
    String availabilityZone;

    @Option(names = "--log-dir", paramLabel = "DIR[,DIR]", description = "log.dirs: the data directory on the broker's EBS volume.")
    String logDir;

    @Option(names = "--broker-count", paramLabel = "N",
            description = "Number of brokers: default.replication.factor = min(3, N), min.insync.replicas one less (at least 1).")
    Integer brokerCount;

    @Option(names = "--zookeeper", paramLabel = "CONNECT",
            description = "ZooKeeper connect string, host:port[,host:port][/chroot]; zookeeper.connect in ZooKeeper mode.")
    String zookeeper;

    @Option(names = "--kafka-mode", paramLabel = "zookeeper|kraft", defaultValue = "zookeeper",
            description = "zookeeper (Confluent Platform 7.x, Kafka 3.x) or kraft (8.x, Kafka 4.x). Default: ${DEFAULT-VALUE}.")
    KafkaMode kafkaMode = KafkaMode.zookeeper;

    @Option(names = "--controller-voters", paramLabel = "ID@IP:PORT,...",
            description = "KRaft: controller.quorum.voters, from the controllers' static ENI IPs.")
    String controllerVoters;

    @Option(names = "--process-roles", paramLabel = "ROLES", defaultValue = "auto",
            description = "KRaft: auto (controller and broker when named in the voters, else broker), broker, controller"
                    + " or broker,controller. Default: ${DEFAULT-VALUE}.")
    String processRoles = "auto";

    @Option(names = "--cluster-id", paramLabel = "ID",
            description = "KRaft: the cluster id to format storage with; written to the environment file as KAFKA_CLUSTER_ID.")
    String clusterId;

    @Option(names = "--listener-port", paramLabel = "PORT", defaultValue = "9092", description = "Client and inter-broker port. Default: ${DEFAULT-VALUE}.")
    int listenerPort = 9092;

    @Option(names = "--controller-port", paramLabel = "PORT", defaultValue = "9093", description = "KRaft controller port. Default: ${DEFAULT-VALUE}.")
    int controllerPort = 9093;

    @Option(names = "--security-protocol", paramLabel = "PROTOCOL", defaultValue = "PLAINTEXT",
            description = "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL; also the listener's name. TLS/SASL settings go in"
                    + " --set or --properties-file. Default: ${DEFAULT-VALUE}.")
    String securityProtocol = "PLAINTEXT";

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A broker setting for server.properties; repeatable; wins over --properties-file and the defaults.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--properties-file", paramLabel = "FILE", description = "Extra broker settings (Chef attributes) as a properties file.")
    Path propertiesFile;

    @Option(names = "--network-style", paramLabel = "ifupdown|networkd|none", defaultValue = "ifupdown",
            description = "How the ENI's policy routing persists: ifupdown (interfaces.d + rt_tables), networkd"
                    + " (70-<interface>.network + rt_tables) or none (leave it to the OS, e.g. AL2023). Default: ${DEFAULT-VALUE}.")
    NetworkStyle networkStyle = NetworkStyle.ifupdown;

    @Option(names = "--heap-size", paramLabel = "SIZE", defaultValue = JvmSettings.DEFAULT_HEAP,
            description = "Kafka's heap (-Xms and -Xmx), e.g. 6g. Default: ${DEFAULT-VALUE}.")
    String heapSize = JvmSettings.DEFAULT_HEAP;

    @Option(names = "--jmx-port", paramLabel = "PORT", defaultValue = "9999", description = "JMX port; 0 turns JMX off. Default: ${DEFAULT-VALUE}.")
    int jmxPort = JvmSettings.DEFAULT_JMX_PORT;

    @Option(names = "--jmx-host", paramLabel = "IP", defaultValue = "127.0.0.1",
            description = "Address JMX binds to; JMX has no authentication, keep it on loopback unless a firewall guards it. Default: ${DEFAULT-VALUE}.")
    String jmxHost = "127.0.0.1";

    @Option(names = "--kafka-group", paramLabel = "GROUP", defaultValue = "confluent",
            description = "Group that may read server.properties (mode 0640, owner root). Default: ${DEFAULT-VALUE} (Confluent's packages).")
    String kafkaGroup = "confluent";

    @Option(names = "--server-properties", paramLabel = "PATH", defaultValue = RenderPaths.SERVER_PROPERTIES,
            description = "Where server.properties goes (under --root). Default: ${DEFAULT-VALUE}.")
    String serverPropertiesPath = RenderPaths.SERVER_PROPERTIES;

    @Option(names = "--environment-file", paramLabel = "PATH", defaultValue = RenderPaths.ENVIRONMENT_FILE,
            description = "Where the Kafka environment file goes (under --root). Default: ${DEFAULT-VALUE}.")
    String environmentPath = RenderPaths.ENVIRONMENT_FILE;

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Mixin
    FileOptions fileOptions = new FileOptions();

    /** Every option is checked here, before a template is read or a file is touched. */
    RenderRequest request() {
        int id = BrokerIds.parse("--broker-id", brokerId);
        Ipv4Address ip = network.privateIp();
        if (brokerCount == null) {
            throw new UsageException("--broker-count is required: the number of brokers, for the replication defaults");
        }
        BrokerIdentity broker = new BrokerIdentity(id, ip, Optional.ofNullable(availabilityZone),
                BrokerIdentity.splitLogDirs(logDir));
        Optional<String> zk = Optional.ofNullable(zookeeper).map(z -> ZkConnectString.parse(z).toString());
        KafkaSettings kafka = new KafkaSettings(kafkaMode, zk, ControllerVoter.parseList(controllerVoters),
                ProcessRoles.parse(processRoles), listenerPort, controllerPort, securityProtocol, brokerCount,
                Optional.ofNullable(clusterId));
        Optional<PolicyRouting> routing;
        if (networkStyle == NetworkStyle.none) {
            routing = Optional.empty();
        } else {
            routing = Optional.of(network.routing());
        }
        if (jmxPort < 0) {
            throw new UsageException("--jmx-port " + jmxPort + " is out of range 1-65535 (0 turns JMX off)");
        }
        JvmSettings jvm = new JvmSettings(heapSize, jmxPort == 0 ? OptionalInt.empty() : OptionalInt.of(jmxPort),
                Ipv4Address.parse("--jmx-host", jmxHost));
        BrokerSettings settings = BrokerSettings.of(propertiesFile, sets);
        return new RenderRequest(broker, kafka, networkStyle, routing, jvm, settings,
                new RenderPaths(serverPropertiesPath, environmentPath), kafkaGroup);
    }

    @Override
    protected CommandResult execute() {
        RenderRequest request = request();
        ConfigRenderer renderer = new ConfigRenderer(fileOptions.templates(), fileOptions.files());
        RenderResult result = renderer.render(request);
        return result(request, result);
    }

    static CommandResult result(RenderRequest request, RenderResult result) {
        return new CommandResult() {
            @Override
            public Map<String, Object> json() {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("changed", result.changed());
                json.put("brokerId", request.broker().id());
                json.put("kafkaMode", request.kafka().mode().name());
                if (request.kafka().mode() == KafkaMode.kraft) {
                    json.put("processRoles", request.roles().value());
                }
                json.put("networkStyle", request.networkStyle().name());
                json.put("files", files(result));
                return json;
            }

            @Override
            public String text() {
                StringBuilder out = new StringBuilder();
                for (RenderedFile f : result.files()) {
                    out.append(f.changed() ? "wrote     " : "unchanged ").append(f.path()).append('\n');
                }
                return out.toString().stripTrailing();
            }
        };
    }

    static List<Map<String, Object>> files(RenderResult result) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (RenderedFile f : result.files()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", f.path());
            file.put("template", f.template());
            file.put("changed", f.changed());
            files.add(file);
        }
        return files;
    }
}
