package io.kafkaaas.volume;

import io.kafkaaas.instance.InstanceIdentity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to attach, format and mount a broker's volume, apart from whose it is: known before the id is claimed.
 * An empty mountPoint attaches only; empty logDirs means &lt;mount-point&gt;/logs.
 */
public record VolumeSettings(String device, Filesystem filesystem, Optional<Path> mountPoint, List<Path> logDirs,
                             Optional<String> clusterId, KafkaAccount account) {

    public VolumeSettings {
        logDirs = List.copyOf(logDirs);
    }

    public VolumeRequest request(InstanceIdentity me, int brokerId, String tagPrefix, Duration timeout) {
        return new VolumeRequest(me, brokerId, tagPrefix, device, filesystem, mountPoint, logDirs, clusterId, account, timeout);
    }
}
