package io.kafkaaas.claim;

import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerLivenessTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final OwnerLiveness liveness = new OwnerLiveness(clock, Duration.ofMinutes(10));
    private final Claim claim = Claim.of(3, new ClaimData("i-old", "us-east-1a", clock.instant(), null, null), 0, clock.instant());

    @ParameterizedTest
    @EnumSource(value = InstanceState.class, names = {"SHUTTING_DOWN", "TERMINATED"})
    void anOwnerThatIsGoingOrGoneIsDead(InstanceState state) {
        assertThat(liveness.judge(claim, state).liveness()).isEqualTo(Liveness.DEAD);
    }

    @ParameterizedTest
    @EnumSource(value = InstanceState.class, names = {"PENDING", "RUNNING", "STOPPING", "STOPPED"})
    void anOwnerThatMayComeBackIsAlive(InstanceState state) {
        clock.advance(Duration.ofDays(30));
        assertThat(liveness.judge(claim, state).liveness()).isEqualTo(Liveness.ALIVE);
    }

    @Test
    void anUnknownOwnerIsDeadOnlyAfterTheGracePeriod() {
        clock.advance(Duration.ofMinutes(10));
        assertThat(liveness.judge(claim, InstanceState.UNKNOWN).liveness()).isEqualTo(Liveness.ALIVE);
        clock.advance(Duration.ofSeconds(1));
        OwnerLiveness.Verdict verdict = liveness.judge(claim, InstanceState.UNKNOWN);
        assertThat(verdict.liveness()).isEqualTo(Liveness.DEAD);
        assertThat(verdict.reason()).contains("unknown to EC2", "601 s");
    }

    @Test
    void graceCountsFromTheLatestWriteOfTheClaim() {
        Claim rewritten = Claim.of(3, claim.data().orElseThrow(), 1, clock.instant().plus(Duration.ofMinutes(8)));
        clock.advance(Duration.ofMinutes(15));
        assertThat(liveness.judge(rewritten, InstanceState.UNKNOWN).liveness()).isEqualTo(Liveness.ALIVE);
    }

    @Test
    void anUnreadableClaimIsNeverDead() {
        clock.advance(Duration.ofDays(1));
        assertThat(liveness.judge(Claim.unreadable(3, 0, Instant.EPOCH), InstanceState.UNKNOWN).liveness())
                .isEqualTo(Liveness.ALIVE);
    }
}
