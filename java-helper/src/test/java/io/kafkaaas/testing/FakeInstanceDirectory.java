package io.kafkaaas.testing;

import io.kafkaaas.instance.InstanceDirectory;
import io.kafkaaas.instance.InstanceState;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** EC2's view of instances, in memory. Instances never put() are unknown, as for DescribeInstances. */
public final class FakeInstanceDirectory implements InstanceDirectory {
    private final Map<String, InstanceState> states = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    public FakeInstanceDirectory put(String instanceId, InstanceState state) {
        states.put(instanceId, state);
        return this;
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public Map<String, InstanceState> states(Collection<String> instanceIds) {
        calls.incrementAndGet();
        Map<String, InstanceState> result = new HashMap<>();
        for (String id : instanceIds) {
            InstanceState state = states.get(id);
            if (state != null) {
                result.put(id, state);
            }
        }
        return result;
    }
}
