package io.kafkaaas.boot;

import io.kafkaaas.eni.EniSettings;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.network.RoutingSettings;
import io.kafkaaas.render.NetworkStyle;
import io.kafkaaas.render.RenderSettings;
import io.kafkaaas.secret.SecretsPlan;
import io.kafkaaas.volume.VolumeSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One boot of one instance, as plain data: everything the caller knows before the first step. The
 * {@link Bootstrapper} turns it into each step's request once the facts that step needs (the claimed id, the
 * ENI's address and interface) are known. Routing is empty exactly when the OS routes the ENI itself
 * (--network-style none).
 */
public record BootstrapPlan(
        InstanceIdentity me,
        int brokerCount,
        String tagPrefix,
        Duration timeout,
        EniSettings eni,
        VolumeSettings volume,
        Optional<RoutingSettings> routing,
        RenderSettings render,
        List<Path> logDirs,
        Optional<SecretsPlan> secrets) {

    /** A boot whose listeners need no fetched secret. */
    public BootstrapPlan(InstanceIdentity me, int brokerCount, String tagPrefix, Duration timeout, EniSettings eni,
                         VolumeSettings volume, Optional<RoutingSettings> routing, RenderSettings render, List<Path> logDirs) {
        this(me, brokerCount, tagPrefix, timeout, eni, volume, routing, render, logDirs, Optional.empty());
    }

    public BootstrapPlan {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(me, "me");
        Objects.requireNonNull(tagPrefix, "tagPrefix");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(eni, "eni");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(render, "render");
        logDirs = List.copyOf(logDirs);
        if (logDirs.isEmpty()) {
            throw new IllegalArgumentException("no log directory: Kafka's log.dirs must name at least one");
        }
        if (routing.isPresent() == (render.networkStyle() == NetworkStyle.none)) {
            throw new IllegalArgumentException("network style " + render.networkStyle() + " with routing " + routing
                    + ": policy routing is planned exactly when the network style is not none");
        }
    }
}
