package io.kafkaaas.simulation;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Kafka broker in a child JVM (3.9 in ZooKeeper mode, or a 4.x combined KRaft node), started from the rendered server.properties and
 * environment file; terminating its instance stops it. Its output goes to a log file of the instance; JMX is
 * open on the rendered loopback port so the simulation can read how many bytes it fetched from its peers.
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

    /**
     * Starts Kafka as its unit does on the AMI: the rendered environment file gives the heap and JMX settings
     * (and the whole environment), the rendered server.properties the rest.
     */
    public static BrokerProcess start(ChildProcesses children, KafkaLibs libs, BrokerArchive archive, Path serverProperties,
                                      KafkaEnvironment environment, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(ChildProcesses.java()));
        command.addAll(environment.jvmOptions());
        command.addAll(archive.flags(true));
        // What kafka-run-class.sh adds on its own (its KAFKA_JVM_PERFORMANCE_OPTS), C1 only for a shared 2-core machine.
        command.addAll(List.of("-XX:+UseG1GC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-Dlog4j.configuration=kafka-aas-broker-log4j.properties",
                "-cp", libs.classpath(), "io.kafkaaas.simkafka.BrokerMain", serverProperties.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment.variables());
        // stdin stays a pipe: the broker exits when it closes, i.e. when this JVM dies.
        return new BrokerProcess(children.start(builder), environment.jmxPort(), log);
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
