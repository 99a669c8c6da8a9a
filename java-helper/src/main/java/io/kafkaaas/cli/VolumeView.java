package io.kafkaaas.cli;

import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.volume.VolumeResult;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What attach-volume prints, and bootstrap nests as its volume step: the one place these keys are written, so a
 * new field of {@link VolumeResult} gets its key here.
 */
record VolumeView(int brokerId, InstanceIdentity me, VolumeResult result) implements CommandResult {
    @Override
    public Map<String, Object> json() {
        VolumeResult r = result;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("volumeId", r.volumeId());
        json.put("device", r.device().map(Path::toString));
        json.put("mountPoint", r.mountPoint().map(Path::toString));
        json.put("formatted", r.formatted());
        json.put("changed", r.changed());
        json.put("filesystem", r.filesystem());
        json.put("uuid", r.uuid());
        json.put("attachedAs", r.attachedAs());
        json.put("attached", r.attachedNow());
        json.put("mounted", r.mountedNow());
        json.put("fstabUpdated", r.fstabChanged());
        json.put("markedFormatted", r.markedNow());
        json.put("logDir", r.logDirs().stream().findFirst().map(Path::toString));
        json.put("logDirs", r.logDirs().stream().map(Path::toString).toList());
        json.put("ownersChanged", r.ownersChanged());
        json.put("availabilityZone", r.availabilityZone());
        json.put("name", r.name());
        json.put("brokerId", brokerId);
        json.put("instanceId", me.instanceId());
        return json;
    }

    @Override
    public String text() {
        VolumeResult r = result;
        String head = "volume " + r.name() + " (" + r.volumeId() + ") " + (r.attachedNow() ? "attached to " : "already attached to ")
                + me.instanceId() + " as " + r.attachedAs();
        if (r.mountPoint().isEmpty()) {
            return head + r.device().map(d -> "; device " + d).orElse("; device not visible yet") + " (not mounted: --no-mount)";
        }
        return head + "; " + r.device().orElseThrow() + " (" + r.filesystem().orElse("?") + (r.formatted() ? ", formatted now" : "")
                + ") " + (r.mountedNow() ? "mounted at " : "already mounted at ") + r.mountPoint().orElseThrow()
                + (r.fstabChanged() ? "; fstab updated" : "");
    }
}
