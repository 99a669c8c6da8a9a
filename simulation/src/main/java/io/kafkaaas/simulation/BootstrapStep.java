package io.kafkaaas.simulation;

/**
 * The seam between the simulation and the boot path of one instance: steps 2 to 5 of DESIGN.md's boot flow
 * (claim the id, attach the ENI, attach and mount the volume, render server.properties). In production
 * that is {@code kafka-aas bootstrap}; the simulation must call the same code.
 *
 * <p>{@link CliBootstrapStep} runs {@code kafka-aas bootstrap} through {@link HelperCli}; tests may put
 * their own step in its place.
 */
@FunctionalInterface
public interface BootstrapStep {
    BootedBroker boot(SimulatedHost host) throws Exception;
}
