package io.kafkaaas.testing;

import io.kafkaaas.core.BrokerTags;
import io.kafkaaas.eni.EniAttachment;
import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.eni.NetworkInterfaces;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The cluster's ENIs in memory, keyed by ENI id. */
public final class FakeNetworkInterfaces implements NetworkInterfaces {
    private final Map<String, NetworkInterface> enis = new ConcurrentSkipListMap<>();

    /** Adds ENIs tagged prefix0..prefix(count-1) in one AZ, with ids eni-&lt;az&gt;-&lt;n&gt;. */
    public FakeNetworkInterfaces addBrokerEnis(String prefix, int count, String az) {
        for (int i = 0; i < count; i++) {
            add(prefix, i, az);
        }
        return this;
    }

    public NetworkInterface add(String prefix, int brokerId, String az) {
        String id = "eni-" + az + "-" + brokerId;
        NetworkInterface eni = new NetworkInterface(id, BrokerTags.nameFor(prefix, brokerId), az, "subnet-" + az,
                "10.0." + Math.abs(az.hashCode() % 200) + "." + (10 + brokerId),
                String.format("02:00:00:00:%02x:%02x", Math.abs(az.hashCode() % 256), brokerId), "available", Optional.empty());
        enis.put(id, eni);
        return eni;
    }

    public void attach(String eniId, String instanceId) {
        NetworkInterface e = enis.get(eniId);
        enis.put(eniId, new NetworkInterface(e.id(), e.name(), e.availabilityZone(), e.subnetId(), e.privateIp(),
                e.macAddress(), "in-use", Optional.of(new EniAttachment("eni-attach-" + eniId, instanceId, 1, "attached"))));
    }

    @Override
    public List<NetworkInterface> findByNamePrefix(String prefix) {
        return enis.values().stream().filter(n -> n.name().startsWith(prefix)).toList();
    }
}
