package io.kafkaaas.boot;

import io.kafkaaas.claim.ClaimResult;
import io.kafkaaas.core.Change;
import io.kafkaaas.eni.EniAttachResult;
import io.kafkaaas.network.NetworkResult;
import io.kafkaaas.render.RenderRequest;
import io.kafkaaas.render.RenderResult;
import io.kafkaaas.volume.VolumeResult;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A finished boot: every step's result and timing. It changed something when any step did. */
public record BootstrapResult(
        BrokerFacts facts,
        ClaimResult claim,
        EniAttachResult eni,
        VolumeResult volume,
        Optional<NetworkResult> network,
        RenderRequest renderRequest,
        RenderResult render,
        List<StepOutcome> steps) implements Change {

    public BootstrapResult {
        steps = List.copyOf(steps);
    }

    @Override
    public boolean changed() {
        return steps.stream().anyMatch(StepOutcome::changed);
    }

    public Duration took() {
        return steps.stream().map(StepOutcome::took).reduce(Duration.ZERO, Duration::plus);
    }
}
