package io.kafkaaas.boot;

import io.kafkaaas.network.PolicyRouting;

/** How this broker's ENI is routed, once its facts are known. */
public interface NetworkPlanner {
    /** False when the OS routes the ENI itself (--network-style none, e.g. AL2023 with amazon-ec2-net-utils). */
    boolean wanted();

    PolicyRouting plan(BrokerFacts facts, String interfaceName);

    NetworkPlanner NONE = new NetworkPlanner() {
        @Override
        public boolean wanted() {
            return false;
        }

        @Override
        public PolicyRouting plan(BrokerFacts facts, String interfaceName) {
            throw new IllegalStateException("no policy routing is wanted");
        }
    };
}
