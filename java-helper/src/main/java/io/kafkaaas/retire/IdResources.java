package io.kafkaaas.retire;

import io.kafkaaas.core.BrokerTags;
import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.eni.NetworkInterfaces;
import io.kafkaaas.volume.Volume;
import io.kafkaaas.volume.Volumes;

import java.util.ArrayList;
import java.util.List;

/**
 * The ENIs and volumes of one broker id, under its active name ({@code <prefix><id>}) and its retired name
 * ({@code <prefix><id>-retired}), in every AZ: four look-ups, so a half-done retire or restore is seen and finished.
 */
record IdResources(int brokerId, String activeName, String retiredName,
                   List<NetworkInterface> activeEnis, List<NetworkInterface> retiredEnis,
                   List<Volume> activeVolumes, List<Volume> retiredVolumes) {

    static IdResources find(int brokerId, String prefix, NetworkInterfaces enis, Volumes volumes) {
        String active = BrokerTags.nameFor(prefix, brokerId);
        String retired = BrokerTags.retiredNameFor(prefix, brokerId);
        return new IdResources(brokerId, active, retired, enis.findByName(active), enis.findByName(retired),
                volumes.findByName(active), volumes.findByName(retired));
    }

    boolean isUnknown() {
        return activeEnis.isEmpty() && retiredEnis.isEmpty() && activeVolumes.isEmpty() && retiredVolumes.isEmpty();
    }

    boolean hasActive() {
        return !activeEnis.isEmpty() || !activeVolumes.isEmpty();
    }

    boolean hasRetired() {
        return !retiredEnis.isEmpty() || !retiredVolumes.isEmpty();
    }

    /** The resource ids that still carry the active name, ENIs first. */
    List<String> activeIds() {
        List<String> ids = new ArrayList<>();
        activeEnis.forEach(n -> ids.add(n.id()));
        activeVolumes.forEach(v -> ids.add(v.id()));
        return ids;
    }

    List<String> retiredIds() {
        List<String> ids = new ArrayList<>();
        retiredEnis.forEach(n -> ids.add(n.id()));
        retiredVolumes.forEach(v -> ids.add(v.id()));
        return ids;
    }

    List<String> eniIds() {
        List<String> ids = new ArrayList<>();
        activeEnis.forEach(n -> ids.add(n.id()));
        retiredEnis.forEach(n -> ids.add(n.id()));
        return ids;
    }

    List<String> volumeIds() {
        List<String> ids = new ArrayList<>();
        activeVolumes.forEach(v -> ids.add(v.id()));
        retiredVolumes.forEach(v -> ids.add(v.id()));
        return ids;
    }

    /** Every instance an ENI or volume of the id is attached to now, whatever its name. */
    List<String> holders() {
        List<String> holders = new ArrayList<>();
        activeEnis.forEach(n -> n.attachedInstance().ifPresent(holders::add));
        retiredEnis.forEach(n -> n.attachedInstance().ifPresent(holders::add));
        activeVolumes.forEach(v -> v.attachments().stream().filter(a -> !a.isDetached()).forEach(a -> holders.add(a.instanceId())));
        retiredVolumes.forEach(v -> v.attachments().stream().filter(a -> !a.isDetached()).forEach(a -> holders.add(a.instanceId())));
        return holders.stream().distinct().toList();
    }
}
