package io.kafkaaas.lifecycle;

import io.kafkaaas.core.UsageException;

import java.util.List;
import java.util.Optional;

/**
 * Which lifecycle hook holds this instance. A named hook must exist for the transition; otherwise the group
 * must have exactly one hook for it, since completing somebody else's hook would cut their work short.
 */
final class HookResolver {
    private final AutoScalingGroups groups;

    HookResolver(AutoScalingGroups groups) {
        this.groups = groups;
    }

    Optional<String> resolve(String groupName, String transition, Optional<String> requested) {
        List<LifecycleHook> hooks = groups.hooks(groupName).stream().filter(h -> h.transition().equals(transition)).toList();
        if (requested.isPresent()) {
            String name = requested.get();
            if (hooks.stream().noneMatch(h -> h.name().equals(name))) {
                throw new UsageException("--lifecycle-hook '" + name + "' is not a " + transition + " hook of Auto Scaling group "
                        + groupName + " (it has: " + names(hooks) + "); fix the hook name");
            }
            return requested;
        }
        if (hooks.size() > 1) {
            throw new UsageException("Auto Scaling group " + groupName + " has several " + transition + " hooks ("
                    + names(hooks) + "); pass --lifecycle-hook to say which one kafka-aas completes");
        }
        return hooks.stream().map(LifecycleHook::name).findFirst();
    }

    private static String names(List<LifecycleHook> hooks) {
        return hooks.isEmpty() ? "none" : String.join(", ", hooks.stream().map(LifecycleHook::name).toList());
    }
}
