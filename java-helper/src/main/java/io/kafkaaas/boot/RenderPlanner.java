package io.kafkaaas.boot;

import io.kafkaaas.network.PolicyRouting;
import io.kafkaaas.render.RenderRequest;

import java.util.Optional;

/** What to render for this broker, once its facts (and its routing, if any) are known. */
@FunctionalInterface
public interface RenderPlanner {
    RenderRequest plan(BrokerFacts facts, Optional<PolicyRouting> routing);
}
