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

    /**
     * Sets {@value Volume#FORMATTED_TAG} (value says what made it and when) and {@value Volume#FS_UUID_TAG} in one
     * request, right after this run's own mkfs: either both are recorded or the call fails.
     */
    void recordFormat(String volumeId, String formattedValue, String fsUuid);

    /** Sets {@value Volume#FS_UUID_TAG} alone: a filesystem made elsewhere, adopted on its first clean mount. */
    void recordFilesystemUuid(String volumeId, String fsUuid);
}
