package io.kafkaaas.localcloud;

import io.kafkaaas.testing.LocalCloudFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AttachNetworkInterface is the whole lock of the ENI claim store, so the local cloud must make it atomic: of many
 * concurrent attaches of one ENI exactly one wins and every other gets InvalidNetworkInterface.InUse, with EC2's message.
 */
class LocalCloudAttachRaceTest {
    private static final CloudTimings TIMINGS = LocalCloudFixture.QUICK;

    @TempDir
    Path workdir;
    private LocalCloudFixture cloud;

    @BeforeEach
    void setUp() {
        cloud = new LocalCloudFixture(workdir, TIMINGS);
    }

    @AfterEach
    void tearDown() {
        cloud.close();
    }

    /** Runs the calls at the same moment; each returns the attachment id, or the InUse message. */
    private static List<String> together(List<Callable<String>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        for (Callable<String> call : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<String> answers = new ArrayList<>();
        for (Future<String> f : futures) {
            answers.add(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return answers;
    }

    @Test
    void ofSixtyFourConcurrentAttachesOverHttpExactlyOneWinsInEveryRound() throws Exception {
        String eni = cloud.brokers(1, "us-east-1a").get(0).eni().id();
        List<CloudInstance> instances = IntStream.range(0, 64).mapToObj(i -> cloud.running("us-east-1a")).toList();

        for (int round = 0; round < 3; round++) {
            List<Callable<String>> attaches = instances.stream().<Callable<String>>map(instance -> () -> {
                try {
                    return cloud.ec2().attachNetworkInterface(r -> r.networkInterfaceId(eni).instanceId(instance.id())
                            .deviceIndex(1)).attachmentId();
                } catch (Ec2Exception e) {
                    return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
                }
            }).toList();
            List<String> answers = together(attaches);

            List<String> wins = answers.stream().filter(a -> a.startsWith("eni-attach-")).toList();
            assertThat(wins).as("round %d", round).hasSize(1);
            assertThat(answers).filteredOn(a -> !a.startsWith("eni-attach-")).hasSize(63)
                    .allMatch(a -> a.equals("InvalidNetworkInterface.InUse: Interface: [" + eni + "] in use."));
            CloudEni.Attachment attachment = cloud.cloud().networkInterface(eni).attachment().orElseThrow();
            assertThat(attachment.id()).isEqualTo(wins.get(0));
            cloud.ec2().detachNetworkInterface(r -> r.attachmentId(wins.get(0)));
            cloud.advance(TIMINGS.detach());
            assertThat(cloud.cloud().networkInterface(eni).attachment()).isEmpty();
        }
    }

    @Test
    void ofTwoHundredConcurrentAttachesInProcessExactlyOneWins() throws Exception {
        String eni = cloud.brokers(1, "us-east-1b").get(0).eni().id();
        List<CloudInstance> instances = IntStream.range(0, 200).mapToObj(i -> cloud.running("us-east-1b")).toList();

        List<String> answers = together(instances.stream().<Callable<String>>map(instance -> () -> {
            try {
                return cloud.cloud().attachNetworkInterface(eni, instance.id(), 1).instanceId();
            } catch (Ec2Error e) {
                return e.code();
            }
        }).toList());

        List<String> winners = answers.stream().filter(a -> a.startsWith("i-")).toList();
        assertThat(winners).hasSize(1);
        assertThat(answers).filteredOn("InvalidNetworkInterface.InUse"::equals).hasSize(199);
        assertThat(cloud.cloud().networkInterface(eni).attachment().orElseThrow().instanceId()).isEqualTo(winners.get(0));
    }
}
