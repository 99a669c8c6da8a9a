package io.kafkaaas.simkafka;

import java.io.IOException;

/**
 * Starts a Kafka broker (kafka.Kafka: 3.9 in ZooKeeper mode, 4.x as a KRaft node) from a server.properties, as a child process of
 * {@code kafka-aas simulate}. It exits when its stdin closes, so a simulation that dies, even by SIGKILL,
 * never leaves a broker behind; SIGTERM runs Kafka's own controlled shutdown, as systemd would.
 */
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: BrokerMain SERVER_PROPERTIES");
            System.exit(2);
        }
        Thread parentWatch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent writes nothing; we only wait for the end of the stream
                }
            } catch (IOException ignored) {
                // a broken pipe means the same as the end of the stream
            }
            System.err.println("kafka-aas simulate went away; stopping the broker");
            System.exit(0);
        }, "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();
        kafka.Kafka.main(args);
    }
}
