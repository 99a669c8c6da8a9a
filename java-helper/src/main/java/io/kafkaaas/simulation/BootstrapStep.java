package io.kafkaaas.simulation;

/**
 * The seam between the simulation and the boot path of one instance: steps 2 to 5 of DESIGN.md's boot flow
 * (claim the id, attach the ENI, attach and mount the volume, render server.properties). In production
 * that is {@code kafka-aas bootstrap}; the simulation must call the same code.
 *
 * <p>Implementations: {@link InterimBootstrapStep} (claim-id through the real CLI, the rest done directly
 * on the local cloud) until {@code bootstrap} exists; then a step that runs {@code kafka-aas bootstrap}
 * through {@link HelperCli} replaces it (see {@link Simulation#defaultBootstrap}).
 */
@FunctionalInterface
public interface BootstrapStep {
    BootedBroker boot(SimulatedHost host) throws Exception;
}
