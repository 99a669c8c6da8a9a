package io.kafkaaas.eni;

import io.kafkaaas.instance.InstanceIdentity;

import java.time.Duration;

/** How to attach a broker's ENI, apart from whose it is: known before the id is claimed. */
public record EniSettings(int deviceIndex, Duration interfaceTimeout) {
    public static final EniSettings DEFAULTS =
            new EniSettings(EniAttachRequest.DEFAULT_DEVICE_INDEX, EniAttachRequest.DEFAULT_INTERFACE_TIMEOUT);

    public EniAttachRequest request(InstanceIdentity me, int brokerId, String tagPrefix, Duration timeout) {
        return new EniAttachRequest(me, brokerId, tagPrefix, deviceIndex, timeout, interfaceTimeout);
    }
}
