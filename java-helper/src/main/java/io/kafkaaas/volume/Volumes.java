package io.kafkaaas.volume;

import io.kafkaaas.core.ResourceBusyException;

import java.util.List;
import java.util.Optional;

/** Port: the brokers' EBS volumes, as EC2 reports them. */
public interface Volumes {
    /** Every volume whose Name tag is exactly name, in every AZ (the caller picks its AZ and reports the others). */
    List<Volume> findByName(String name);

    /** The volume now, or empty when EC2 does not know it (any more). */
    Optional<Volume> describe(String volumeId);

    /**
     * Asks EC2 to attach the volume under the given device name; the attachment completes asynchronously.
     *
     * @throws ResourceBusyException when EC2 says the volume is in use
     */
    void attach(String volumeId, String instanceId, String device);

    /** Sets the {@value Volume#FORMATTED_TAG} tag; value says what made it and when. */
    void markFormatted(String volumeId, String value);
}
