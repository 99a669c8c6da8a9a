package io.kafkaaas.instance;

import java.util.Objects;

/** Who we are: the instance id and Availability Zone that every claim and attachment is made for. */
public record InstanceIdentity(String instanceId, String availabilityZone) {
    public InstanceIdentity {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(availabilityZone, "availabilityZone");
    }
}
