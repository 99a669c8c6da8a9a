package io.kafkaaas.claim;

import io.kafkaaas.instance.InstanceIdentity;

/**
 * Port of the boot flow's claim step: one broker id for this instance, or {@link NoFreeBrokerIdException} (exit 3).
 * Two stores stand behind it: ZooKeeper ({@link BrokerIdClaimer}) and the ENI attachment itself ({@link EniClaimer}).
 */
public interface IdClaimer {
    ClaimResult claim(InstanceIdentity me, int brokerCount);
}
