package io.kafkaaas.simulation;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Kafka 3.9 broker (ZooKeeper mode) in a child JVM, started from a rendered server.properties;
 * terminating its instance stops it. Its output goes to a log file of the instance; JMX is open on a
 * loopback port so the simulation can read how many bytes it fetched from its peers.
 */
public final class BrokerProcess {
    private final Process process;
    private final int jmxPort;
    private final Path log;

    private BrokerProcess(Process process, int jmxPort, Path log) {
        this.process = process;
        this.jmxPort = jmxPort;
        this.log = log;
    }

    public static BrokerProcess start(ChildProcesses children, KafkaLibs libs, Path serverProperties, Path log)
            throws IOException {
        int jmxPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(List.of(ChildProcesses.java(),
                "-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-Dlog4j.configuration=kafka-aas-broker-log4j.properties",
                "-Dcom.sun.management.jmxremote",
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-cp", libs.classpath(), "io.kafkaaas.simkafka.BrokerMain", serverProperties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // stdin stays a pipe: the broker exits when it closes, i.e. when this JVM dies.
        return new BrokerProcess(children.start(builder), jmxPort, log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public int jmxPort() {
        return jmxPort;
    }

    public Path log() {
        return log;
    }

    /** Controlled shutdown (SIGTERM), then SIGKILL after the grace period. */
    public boolean stop(Duration grace) {
        return ChildProcesses.stop(process, grace);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
