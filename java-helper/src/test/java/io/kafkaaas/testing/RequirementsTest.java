package io.kafkaaas.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/** The one mechanism of every environment-dependent test: skip visibly, fail under CI, and the known gaps. */
class RequirementsTest {
    @Test
    void aMissingRequirementSkipsWithItsReasonOutsideCi() {
        assertThatThrownBy(() -> Requirements.require(false, "'mkfs.xfs' is not on PATH", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("SKIPPED: 'mkfs.xfs' is not on PATH");
    }

    @Test
    void aMissingRequirementFailsUnderCi() {
        assertThatThrownBy(() -> Requirements.require(false, "'mkfs.xfs' is not on PATH", true))
                .isInstanceOf(AssertionError.class)
                .isNotInstanceOf(TestAbortedException.class)
                .hasMessageContaining("required under CI (KAFKA_AAS_REQUIRE_TOOLS=1) but missing: 'mkfs.xfs' is not on PATH");
    }

    @Test
    void aPresentRequirementPassesEitherWay() {
        assertThatCode(() -> Requirements.require(true, "root", true)).doesNotThrowAnyException();
        assertThatCode(() -> Requirements.require(true, "root", false)).doesNotThrowAnyException();
        assertThatCode(() -> Requirements.requireDockerEngine(() -> true, "X")).doesNotThrowAnyException();
    }

    @Test
    void onlyTheValueOneMakesItStrict() {
        assertThat(Requirements.strict(Map.of("KAFKA_AAS_REQUIRE_TOOLS", "1"))).isTrue();
        assertThat(Requirements.strict(Map.of("KAFKA_AAS_REQUIRE_TOOLS", "0"))).isFalse();
        assertThat(Requirements.strict(Map.of())).isFalse();
    }

    @Test
    void aRequirementBeyondCiSkipsEvenUnderCiAndNamesWhatCoversIt() {
        // Whatever KAFKA_AAS_REQUIRE_TOOLS says in this run, a missing Docker engine is a skip, never a failure.
        assertThatThrownBy(() -> Requirements.requireDockerEngine(() -> false, "Kafka3ZooKeeperBrokerTest"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("not provided by CI")
                .hasMessageContaining("no Docker engine")
                .hasMessageContaining("covered on every run by Kafka3ZooKeeperBrokerTest");
    }
}
