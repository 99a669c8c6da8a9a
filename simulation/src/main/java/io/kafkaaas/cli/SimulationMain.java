package io.kafkaaas.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * Entry point of the simulation jar: the production CLI ({@link Main}) with simulate and local-cloud added.
 * Every other verb is the production one, so {@code java -jar kafka-aas-simulation.jar claim-id ...} runs the
 * same code against the local cloud as the AMI's jar runs against EC2.
 */
public final class SimulationMain {
    private SimulationMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Main.run(args, out, err, List.of(new SimulateCommand(), new LocalCloudCommand()));
    }
}
