package io.kafkaaas.claim;

import io.kafkaaas.instance.InstanceState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Rule 4's first condition: is the owner of a claim gone for good? An owner EC2 does not know counts as gone
 * only once the claim is older than the grace period, because DescribeInstances is eventually consistent
 * and a freshly launched instance can be invisible to other callers for a while.
 */
public final class OwnerLiveness {
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);

    private final Clock clock;
    private final Duration grace;

    public OwnerLiveness(Clock clock, Duration grace) {
        this.clock = clock;
        this.grace = grace;
    }

    public record Verdict(Liveness liveness, String reason) {
    }

    public Verdict judge(Claim claim, InstanceState ownerState) {
        if (claim.data().isEmpty()) {
            return new Verdict(Liveness.ALIVE, "claim data unreadable, never taken over; fix or delete the znode by hand");
        }
        if (ownerState.isGone()) {
            return new Verdict(Liveness.DEAD, "owner is " + ownerState.apiName());
        }
        if (ownerState == InstanceState.UNKNOWN) {
            Instant claimedAt = latest(claim.modifiedAt(), claim.data().get().claimedAt());
            Duration age = Duration.between(claimedAt, clock.instant());
            if (age.compareTo(grace) > 0) {
                return new Verdict(Liveness.DEAD, "owner unknown to EC2, claim " + age.toSeconds() + " s old");
            }
            return new Verdict(Liveness.ALIVE, "owner unknown to EC2 but claim only " + Math.max(0, age.toSeconds())
                    + " s old (grace " + grace.toSeconds() + " s)");
        }
        return new Verdict(Liveness.ALIVE, "owner is " + ownerState.apiName());
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
