package io.kafkaaas.kafka;

import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.health.ClusterView;
import io.kafkaaas.health.PartitionReplicas;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Utils;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The cluster as Kafka's Admin client sees it, for both modes: describeCluster lists the registered brokers
 * (ZooKeeper mode: the /brokers/ids registrations; KRaft: the brokers in the metadata log) and describeTopics
 * the partitions' replicas and ISRs. The one class that imports Kafka: the domain only sees {@link ClusterView}.
 * kafka-clients 4.x speaks to Kafka 3.9 brokers as well (both ends negotiate API versions).
 */
public final class AdminClusterView implements ClusterView, AutoCloseable {
    private final Admin admin;
    private final String bootstrap;
    private final int callTimeoutMs;

    /**
     * @param clientSettings extra Admin client settings (security.protocol, SASL/TLS), as for Kafka's own tools
     * @param callTimeout    how long one describe call may take before it counts as unreachable
     */
    public AdminClusterView(String bootstrapServers, Properties clientSettings, Duration callTimeout) {
        this.bootstrap = bootstrapServers;
        this.callTimeoutMs = (int) callTimeout.toMillis();
        Properties config = new Properties();
        config.putAll(clientSettings);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-aas-wait-healthy");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, callTimeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, callTimeoutMs);
        // A broker that is still loading its logs refuses connections: try again soon, not after a growing backoff;
        // the pending look then answers within a quarter second of the listener opening.
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250);
        try {
            this.admin = Admin.create(config);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new KafkaAasException(ExitCode.USAGE, "cannot build a Kafka Admin client for " + bootstrapServers
                    + ": " + e.getMessage() + "; check --bootstrap-server and --command-config", e);
        }
    }

    @Override
    public Set<Integer> registeredBrokers() {
        requireListener();
        Iterable<Node> nodes = get("describe the cluster",
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(callTimeoutMs)).nodes());
        Set<Integer> ids = new TreeSet<>();
        nodes.forEach(n -> ids.add(n.id()));
        return ids;
    }

    @Override
    public List<PartitionReplicas> partitions() {
        Set<String> names = get("list the topics", admin.listTopics(new ListTopicsOptions().listInternal(true)
                .timeoutMs(callTimeoutMs)).names());
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> topics;
        try {
            topics = get("describe the topics", admin.describeTopics(names,
                    new DescribeTopicsOptions().timeoutMs(callTimeoutMs)).allTopicNames());
        } catch (TopicDeletedMeanwhile e) {
            // A topic deleted between the list and the describe: the next look sees the list without it.
            return partitions();
        }
        List<PartitionReplicas> partitions = new ArrayList<>();
        for (TopicDescription topic : topics.values()) {
            for (TopicPartitionInfo p : topic.partitions()) {
                partitions.add(new PartitionReplicas(topic.name(), p.partition(), ids(p.replicas()), ids(p.isr())));
            }
        }
        return partitions;
    }

    /**
     * A look starts only when a bootstrap server accepts a TCP connection. A broker still loading its logs refuses
     * them, and an Admin call made then waits out its whole timeout even when the listener opens meanwhile (5 s
     * lost per replacement in the simulation); a refused connect answers at once, so the next look comes one poll
     * interval later.
     */
    private void requireListener() {
        IOException refused = null;
        for (String server : bootstrap.split(",")) {
            String hostPort = server.trim();
            String host = Utils.getHost(hostPort);
            Integer port = Utils.getPort(hostPort);
            if (host == null || port == null) {
                return; // not host:port: the Admin client's own check reports it
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), callTimeoutMs);
                return;
            } catch (IOException e) {
                refused = e;
            }
        }
        throw new DependencyUnreachableException("no listener accepts a connection (" + refused + ")", refused);
    }

    @Override
    public String describe() {
        return "Kafka at " + bootstrap;
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).collect(Collectors.toList());
    }

    private <T> T get(String what, KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAasException(ExitCode.INTERNAL, "interrupted while trying to " + what + " at " + bootstrap, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof UnknownTopicOrPartitionException) {
                throw new TopicDeletedMeanwhile();
            }
            if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
                throw new KafkaAasException(ExitCode.USAGE, "Kafka at " + bootstrap + " refused to " + what + ": "
                        + cause.getMessage() + "; give --command-config the client's security settings and Describe rights", cause);
            }
            // Timeouts and refused connections are retriable; anything else also says the cluster cannot answer.
            String reason = cause instanceof RetriableException ? cause.getMessage() : cause.toString();
            throw new DependencyUnreachableException("could not " + what + ": " + reason, cause);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }

    private static final class TopicDeletedMeanwhile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TopicDeletedMeanwhile() {
            super(null, null, false, false);
        }
    }
}
