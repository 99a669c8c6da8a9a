package io.kafkaaas.eni;

import java.util.List;

/** Port: the ENIs of the cluster, as EC2 reports them. */
public interface NetworkInterfaces {
    /** Every ENI whose Name tag starts with the prefix, in every Availability Zone of the region. */
    List<NetworkInterface> findByNamePrefix(String prefix);
}
