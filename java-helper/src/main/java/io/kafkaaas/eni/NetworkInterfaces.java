package io.kafkaaas.eni;

import io.kafkaaas.core.ResourceBusyException;

import java.util.List;
import java.util.Optional;

/** Port: the ENIs of the cluster, as EC2 reports them. */
public interface NetworkInterfaces {
    /** Every ENI whose Name tag starts with the prefix, in every Availability Zone of the region. */
    List<NetworkInterface> findByNamePrefix(String prefix);

    /** Every ENI whose Name tag is exactly name, in every AZ (the caller picks its own AZ and reports the others). */
    List<NetworkInterface> findByName(String name);

    /** The ENI now, or empty when EC2 does not know it (any more). */
    Optional<NetworkInterface> describe(String eniId);

    /**
     * Asks EC2 to attach the ENI; returns the attachment id. The attachment completes asynchronously.
     *
     * @throws ResourceBusyException when EC2 says the ENI is in use (someone attached it meanwhile)
     */
    String attach(String eniId, String instanceId, int deviceIndex);

    /**
     * Asks EC2 to detach an attachment (without force); the detach completes asynchronously. Only the ENI claim store's
     * rule 5 calls it, on an ENI this instance attached to itself in the same run: never on another instance's.
     */
    void detach(String attachmentId);
}
