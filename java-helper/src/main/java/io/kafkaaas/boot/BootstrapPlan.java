package io.kafkaaas.boot;

import io.kafkaaas.eni.EniAttachRequest;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.volume.VolumeRequest;

import java.util.Objects;
import java.util.function.IntFunction;

/**
 * One boot of one instance. The ENI and volume requests depend on the claimed id, so they are functions of
 * it; the network and render steps depend on every fact found before them, so they are planners.
 */
public record BootstrapPlan(
        InstanceIdentity me,
        int brokerCount,
        IntFunction<EniAttachRequest> eni,
        IntFunction<VolumeRequest> volume,
        NetworkPlanner network,
        RenderPlanner render) {

    public BootstrapPlan {
        Objects.requireNonNull(me, "me");
        Objects.requireNonNull(eni, "eni");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(render, "render");
    }
}
