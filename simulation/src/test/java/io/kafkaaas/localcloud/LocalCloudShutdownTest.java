package io.kafkaaas.localcloud;

import io.kafkaaas.testing.ManualClock;
import io.kafkaaas.testing.ManualTransitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The order a terminating instance goes through, which the simulation's broker stop relies on. */
class LocalCloudShutdownTest {
    @TempDir
    Path workdir;

    @Test
    void theOsShutdownRunsWhileTheInstanceStillHoldsItsEniAndVolume() throws Exception {
        CloudTimings timings = new CloudTimings(Duration.ofMillis(10), Duration.ZERO, Duration.ZERO, Duration.ofMillis(100));
        ManualTransitions transitions = new ManualTransitions(ManualClock.startingNow());
        try (LocalCloud cloud = new LocalCloud("us-east-1", workdir, timings, transitions.clock(), transitions)) {
            var slot = BrokerResources.create(cloud, "KAFKA-", 1, List.of("us-east-1a")).get(0);
            CloudInstance owner = cloud.runInstance("us-east-1a", null, null, Map.of());
            transitions.advance(timings.boot());
            assertThat(owner.state()).isEqualTo("running");
            cloud.attachNetworkInterface(slot.eni().id(), owner.id(), 1);
            cloud.attachVolume(slot.volume().id(), owner.id(), "/dev/xvdf");
            List<String> seen = new CopyOnWriteArrayList<>();
            CountDownLatch brokerStopped = new CountDownLatch(1);
            cloud.onShutdown(i -> {
                seen.add(i.state() + " eni:" + slot.eni().status() + " volume:" + slot.volume().status());
                awaitLatch(brokerStopped); // a slow broker stop must hold up neither other transitions nor the release order
            });

            cloud.terminate(owner.id());
            CloudInstance other = cloud.runInstance("us-east-1a", null, null, Map.of());
            transitions.advance(timings.boot());
            assertThat(other.state()).as("another instance running while the first one's OS still shuts down").isEqualTo("running");
            cloud.attachVolume(cloud.createVolume("us-east-1a", 1, Map.of()).id(), other.id(), "/dev/xvdf");
            assertThat(owner.state()).isEqualTo("shutting-down");
            assertThat(slot.eni().attachment()).isPresent();
            transitions.advance(timings.shutdown());
            assertThat(owner.state()).as("no termination before the OS shutdown ends").isEqualTo("shutting-down");
            brokerStopped.countDown();
            transitions.awaitScheduled("once the OS shutdown of " + owner.id() + " ended");
            transitions.advance(timings.shutdown());
            assertThat(owner.state()).isEqualTo("terminated");
            assertThat(seen).containsExactly("shutting-down eni:in-use volume:in-use");
            assertThat(slot.eni().attachment()).isEmpty();
            assertThat(slot.volume().attachment()).isEmpty();
            assertThat(slot.volume().directory()).isDirectory();
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
