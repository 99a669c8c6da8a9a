package io.kafkaaas.cli;

import io.kafkaaas.core.UsageException;
import io.kafkaaas.network.Ipv4Address;
import io.kafkaaas.render.AdvertisedHost;
import io.kafkaaas.render.BrokerSettings;
import io.kafkaaas.render.ControllerVoter;
import io.kafkaaas.render.JmxSecurity;
import io.kafkaaas.render.JvmSettings;
import io.kafkaaas.render.KafkaMode;
import io.kafkaaas.render.KafkaSettings;
import io.kafkaaas.render.ListenerSecurity;
import io.kafkaaas.render.SecurityProtocol;
import io.kafkaaas.render.NetworkStyle;
import io.kafkaaas.render.ProcessRoles;
import io.kafkaaas.render.RenderPaths;
import io.kafkaaas.render.RenderSettings;
import io.kafkaaas.zk.ZkConnectString;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to render a broker's files, apart from the facts the earlier steps find out (id, IP, AZ, log dirs,
 * interface): shared by render, which takes those facts as options, and bootstrap, which finds them itself.
 */
public final class RenderOptions {
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

    @Option(names = "--listener-port", paramLabel = "PORT", defaultValue = "9092", description = "Client and inter-broker port. Default: ${DEFAULT-VALUE}.")
    int listenerPort = 9092;

    @Option(names = "--controller-port", paramLabel = "PORT", defaultValue = "9093", description = "KRaft controller port. Default: ${DEFAULT-VALUE}.")
    int controllerPort = 9093;

    @Option(names = "--security-protocol", paramLabel = "PROTOCOL", defaultValue = "PLAINTEXT",
            description = "The client listener's protocol, also its name: PLAINTEXT, SSL (TLS), SASL_SSL (TLS and"
                    + " SCRAM-SHA-512) or SASL_PLAINTEXT. Stores and passwords come from --secrets-dir. Default: ${DEFAULT-VALUE}.")
    String securityProtocol = "PLAINTEXT";

    @Option(names = "--advertised-host-template", paramLabel = "TEMPLATE",
            description = "Advertise a DNS name instead of the ENI IP, {id} being the broker id, e.g. b{id}.prod.kafka.internal"
                    + " (the stack's private hosted zone maps it to the ENI IP). Default: the ENI IP.")
    String advertisedHostTemplate;

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
            description = "Address JMX binds to. Anything but loopback needs --jmx-password-file, --jmx-access-file and"
                    + " --jmx-ssl-config-file. Default: ${DEFAULT-VALUE}.")
    String jmxHost = "127.0.0.1";

    @Option(names = "--jmx-password-file", paramLabel = "FILE",
            description = "JMX password file (role password per line; readable by the Kafka user only).")
    String jmxPasswordFile;

    @Option(names = "--jmx-access-file", paramLabel = "FILE", description = "JMX access file (role readonly|readwrite per line).")
    String jmxAccessFile;

    @Option(names = "--jmx-ssl-config-file", paramLabel = "FILE",
            description = "JMX TLS settings as properties (javax.net.ssl.keyStore, javax.net.ssl.keyStorePassword, ...), kept off the command line.")
    String jmxSslConfigFile;

    @Option(names = "--kafka-group", paramLabel = "GROUP", defaultValue = "confluent",
            description = "Group that may read server.properties (mode 0640, owner root). Default: ${DEFAULT-VALUE} (Confluent's packages).")
    String kafkaGroup = "confluent";

    @Option(names = "--server-properties", paramLabel = "PATH", defaultValue = RenderPaths.SERVER_PROPERTIES,
            description = "Where server.properties goes (under --root). Default: ${DEFAULT-VALUE}.")
    String serverPropertiesPath = RenderPaths.SERVER_PROPERTIES;

    @Option(names = "--environment-file", paramLabel = "PATH", defaultValue = RenderPaths.ENVIRONMENT_FILE,
            description = "Where the Kafka environment file goes (under --root). Default: ${DEFAULT-VALUE}.")
    String environmentPath = RenderPaths.ENVIRONMENT_FILE;

    // Listener security (issue 12): one block, so that other option changes merge around it.
    @Option(names = "--inter-broker-security", paramLabel = "PROTOCOL",
            description = "Give brokers a listener of their own (INTERNAL, on --inter-broker-port) with this protocol:"
                    + " PLAINTEXT, SSL or SASL_SSL (SCRAM-SHA-512). Default: brokers use the client listener.")
    String interBrokerSecurity;

    @Option(names = "--inter-broker-port", paramLabel = "PORT", defaultValue = "9094",
            description = "Port of the INTERNAL listener, with --inter-broker-security. Default: ${DEFAULT-VALUE}.")
    int interBrokerPort = 9094;

    @Option(names = "--controller-security", paramLabel = "PLAINTEXT|SSL",
            description = "KRaft: the controller listener's protocol. Default: SSL when the client listener uses TLS, else PLAINTEXT.")
    String controllerSecurity;

    @Option(names = "--ssl-client-auth", paramLabel = "none|requested|required", defaultValue = "none",
            description = "ssl.client.auth: required for mutual TLS (clients present a certificate the truststore trusts). Default: ${DEFAULT-VALUE}.")
    ListenerSecurity.ClientAuth sslClientAuth = ListenerSecurity.ClientAuth.none;

    @Option(names = "--secrets-dir", paramLabel = "DIR", defaultValue = ListenerSecurity.DEFAULT_SECRETS_DIR,
            description = "Where fetch-secrets writes the keystore, truststore and passwords (under --root), and where"
                    + " server.properties points. Default: ${DEFAULT-VALUE}.")
    String secretsDir = ListenerSecurity.DEFAULT_SECRETS_DIR;

    @Option(names = "--scram-username", paramLabel = "NAME", defaultValue = ListenerSecurity.DEFAULT_SCRAM_USER,
            description = "The brokers' own SCRAM-SHA-512 user, on a SASL_SSL inter-broker listener. Default: ${DEFAULT-VALUE}.")
    String scramUsername = ListenerSecurity.DEFAULT_SCRAM_USER;

    /** How each listener is secured; impossible combinations stop here (exit 2). */
    public ListenerSecurity security() {
        SecurityProtocol client = SecurityProtocol.parse("--security-protocol", securityProtocol);
        Optional<ListenerSecurity.InterBroker> interBroker = Optional.ofNullable(interBrokerSecurity)
                .map(p -> new ListenerSecurity.InterBroker(SecurityProtocol.parse("--inter-broker-security", p), interBrokerPort));
        if (controllerSecurity != null && kafkaMode != KafkaMode.kraft) {
            throw new UsageException("--controller-security applies to --kafka-mode kraft only; drop it in ZooKeeper mode");
        }
        SecurityProtocol controller = controllerSecurity == null ? ListenerSecurity.defaultController(client)
                : SecurityProtocol.parse("--controller-security", controllerSecurity);
        return new ListenerSecurity(client, interBroker, controller, sslClientAuth, secretsDir, scramUsername);
    }

    public boolean kraft() {
        return kafkaMode == KafkaMode.kraft;
    }

    public String kafkaGroup() {
        return kafkaGroup;
    }

    public NetworkStyle networkStyle() {
        return networkStyle;
    }

    /** Checks every setting that does not depend on the broker's facts and returns them. */
    public RenderSettings settings(Optional<String> zookeeper, int brokerCount, Optional<String> clusterId) {
        return new RenderSettings(kafka(zookeeper, brokerCount, clusterId), networkStyle, jvm(),
                BrokerSettings.of(propertiesFile, sets), new RenderPaths(serverPropertiesPath, environmentPath), kafkaGroup,
                security(), AdvertisedHost.of(advertisedHostTemplate));
    }

    private KafkaSettings kafka(Optional<String> zookeeper, int brokerCount, Optional<String> clusterId) {
        Optional<String> zk = zookeeper.map(z -> ZkConnectString.parse(z).toString());
        return new KafkaSettings(kafkaMode, zk, ControllerVoter.parseList(controllerVoters),
                ProcessRoles.parse(processRoles), listenerPort, controllerPort, securityProtocol, brokerCount, clusterId);
    }

    private JvmSettings jvm() {
        if (jmxPort < 0) {
            throw new UsageException("--jmx-port " + jmxPort + " is out of range 1-65535 (0 turns JMX off)");
        }
        return new JvmSettings(heapSize, jmxPort == 0 ? OptionalInt.empty() : OptionalInt.of(jmxPort),
                Ipv4Address.parse("--jmx-host", jmxHost), JmxSecurity.of(jmxPasswordFile, jmxAccessFile, jmxSslConfigFile));
    }
}
