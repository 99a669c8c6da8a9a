package io.kafkaaas.simulation;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.time.Duration;
import java.util.Map;

/** Reads a broker's metrics over JMX with the JDK's own client (no Kafka classes in the helper). */
public final class BrokerJmx {
    /** Bytes this broker fetched as a follower from the partition leaders, since it started. */
    static final String REPLICATION_BYTES_IN = "kafka.server:type=BrokerTopicMetrics,name=ReplicationBytesInPerSec";

    private BrokerJmx() {
    }

    public static long replicationBytesIn(int jmxPort, Duration timeout) throws Exception {
        return ((Number) attribute(jmxPort, REPLICATION_BYTES_IN, "Count", timeout)).longValue();
    }

    static Object attribute(int jmxPort, String mbean, String attribute, Duration timeout) throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (JMXConnector connector = JMXConnectorFactory.connect(url, Map.of())) {
                MBeanServerConnection connection = connector.getMBeanServerConnection();
                return connection.getAttribute(new ObjectName(mbean), attribute);
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
