package io.kafkaaas.eni;

import io.kafkaaas.core.BrokerTags;
import io.kafkaaas.instance.InstanceIdentity;

import java.time.Duration;
import java.util.Objects;

/**
 * Attach the ENI of brokerId to me. timeout bounds each wait on EC2 (released by the old holder, then attached);
 * interfaceTimeout bounds the wait for the kernel interface.
 */
public record EniAttachRequest(
        InstanceIdentity me,
        int brokerId,
        String tagPrefix,
        int deviceIndex,
        Duration timeout,
        Duration interfaceTimeout) {

    public static final int DEFAULT_DEVICE_INDEX = 1;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    public static final Duration DEFAULT_INTERFACE_TIMEOUT = Duration.ofSeconds(60);

    public EniAttachRequest {
        Objects.requireNonNull(me, "me");
        Objects.requireNonNull(tagPrefix, "tagPrefix");
        if (brokerId < 0) {
            throw new IllegalArgumentException("brokerId " + brokerId);
        }
        if (deviceIndex < 1) {
            throw new IllegalArgumentException("device index " + deviceIndex + ": 0 is the primary interface");
        }
    }

    public static EniAttachRequest of(InstanceIdentity me, int brokerId, String tagPrefix) {
        return new EniAttachRequest(me, brokerId, tagPrefix, DEFAULT_DEVICE_INDEX, DEFAULT_TIMEOUT, DEFAULT_INTERFACE_TIMEOUT);
    }

    public String eniName() {
        return BrokerTags.nameFor(tagPrefix, brokerId);
    }
}
