package io.kafkaaas.health;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerHealthTest {
    @Test
    void aRegisteredBrokerThatHostsNothingIsHealthy() {
        BrokerHealth health = new BrokerHealth(3, true, 0, List.of(), List.of());

        assertThat(health.healthy()).isTrue();
        assertThat(health.missing()).isEqualTo("nothing");
    }

    @Test
    void aPartitionWithEveryReplicaInSyncInAnyOrderIsNotUnderReplicated() {
        PartitionReplicas p = new PartitionReplicas("t", 0, List.of(1, 2, 3), List.of(3, 1, 2));

        assertThat(p.underReplicated()).isFalse();
        assertThat(new PartitionReplicas("t", 0, List.of(1, 2, 3), List.of(3, 1)).othersOutOfSync(1)).containsExactly(2);
    }
}
