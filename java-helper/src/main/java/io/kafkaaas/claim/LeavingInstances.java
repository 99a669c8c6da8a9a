package io.kafkaaas.claim;

import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.lifecycle.GroupLifecycleStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Rule 4, the leaving owner: an instance EC2 still reports running (or pending, stopping) whose Auto Scaling group is
 * terminating it ({@code Terminating}, {@code Terminating:Wait} while its termination hook stops Kafka and releases
 * the id, {@code Terminating:Proceed}). Both claim stores wait for it exactly as for a dying one, bounded by the
 * claim's timeout; it is never taken over or detached because of this: a takeover still needs EC2 to report the
 * owner shutting-down or terminated. Asked only when a claim would otherwise end in exit 3, in one
 * DescribeAutoScalingInstances call for the owners in question.
 */
public final class LeavingInstances {
    /** The lifecycle states of an instance its group is terminating, before EC2 reports it shutting down. */
    static final Set<String> TERMINATING = Set.of("Terminating", "Terminating:Wait", "Terminating:Proceed");

    private static final Logger LOG = LoggerFactory.getLogger(LeavingInstances.class);

    private final GroupLifecycleStates groups;
    private final Consumer<String> warn;

    public LeavingInstances(GroupLifecycleStates groups) {
        this(groups, LOG::warn);
    }

    /** @param warn where the one line goes when the look-up fails (the log, on stderr) */
    public LeavingInstances(GroupLifecycleStates groups, Consumer<String> warn) {
        this.groups = groups;
        this.warn = warn;
    }

    /** Only an instance that may still hold the id for a while is worth the call: one EC2 already reports gone is dying. */
    static boolean mayBeLeaving(InstanceState ec2State) {
        return ec2State == InstanceState.RUNNING || ec2State == InstanceState.PENDING || ec2State == InstanceState.STOPPING;
    }

    /**
     * One DescribeAutoScalingInstances call for up to 50 instances; none when there are none.
     *
     * @return instance id to its Terminating lifecycle state; empty when none of them is leaving, or when the look-up
     * failed: then one warning line says so, and the caller waits for none of them (no wait on a guess)
     */
    public Map<String, String> find(Collection<String> instanceIds) {
        Set<String> ids = new TreeSet<>(instanceIds);
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, String> states;
        try {
            states = groups.lifecycleStates(ids);
        } catch (KafkaAasException e) {
            warn.accept("the Auto Scaling lifecycle state of " + String.join(", ", ids) + " could not be read, so an"
                    + " instance in its termination hook cannot be told from one that stays; not waiting for it: "
                    + e.getMessage());
            return Map.of();
        }
        Map<String, String> leaving = new TreeMap<>();
        states.forEach((id, state) -> {
            if (ids.contains(id) && TERMINATING.contains(state)) {
                leaving.put(id, state);
            }
        });
        return leaving;
    }
}
