package io.kafkaaas.localcloud;

import io.kafkaaas.core.BrokerTags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the CloudFormation stack creates for a cluster: per broker id an ENI with a fixed IP and an EBS
 * volume, both tagged Name=&lt;prefix&gt;&lt;id&gt;, spread over the AZs round robin (id i in AZ i mod n).
 * Broker i's ENI gets host address 10+i of its AZ's subnet, e.g. 127.0.1.10.
 */
public final class BrokerResources {
    public static final int FIRST_ENI_HOST = 10;
    public static final int VOLUME_GIB = 10;

    private BrokerResources() {
    }

    public record Slot(int brokerId, CloudEni eni, CloudVolume volume) {
    }

    public static List<Slot> create(LocalCloud cloud, String tagPrefix, int brokers, List<String> zones) {
        List<Slot> slots = new ArrayList<>();
        for (int id = 0; id < brokers; id++) {
            String az = zones.get(id % zones.size());
            Map<String, String> tags = Map.of("Name", BrokerTags.nameFor(tagPrefix, id));
            CloudEni eni = cloud.createNetworkInterface(az, FIRST_ENI_HOST + id, tags);
            CloudVolume volume = cloud.createVolume(az, VOLUME_GIB, tags);
            slots.add(new Slot(id, eni, volume));
        }
        return slots;
    }
}
