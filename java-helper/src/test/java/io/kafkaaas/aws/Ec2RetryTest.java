package io.kafkaaas.aws;

import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.FlakyEc2Endpoint;
import io.kafkaaas.testing.FlakyEc2Endpoint.Failure;
import io.kafkaaas.testing.MotoEc2;
import io.kafkaaas.testing.RecordingInterceptor;
import io.kafkaaas.testing.StderrCapture;
import io.kafkaaas.volume.Volume;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Throttling and 5xx bursts against the real SDK client built by {@link Ec2Clients} (standard retry strategy),
 * through {@link FlakyEc2Endpoint} in front of moto_server. The SDK sleeps for real between attempts (its backoff
 * is not injectable), so the bursts are kept short.
 */
class Ec2RetryTest {
    @RegisterExtension
    final MotoEc2 moto = new MotoEc2();
    private FlakyEc2Endpoint flaky;

    @BeforeEach
    void setUp() throws IOException {
        flaky = new FlakyEc2Endpoint(moto.server().endpoint());
    }

    @AfterEach
    void tearDown() {
        flaky.close();
    }

    private Ec2Client client(int maxAttempts) {
        return Ec2Clients.ec2(new AwsSettings(Optional.of("us-east-1"), Optional.of(flaky.endpoint()), Optional.empty(),
                maxAttempts, Duration.ofSeconds(60)), "us-east-1");
    }

    @Test
    void aThrottlingBurstIsRetriedWithinOneCall() {
        String vol = moto.fixtures().createVolume("KAFKA-0", "us-east-1a", 10);
        flaky.failNext(Failure.THROTTLED, Failure.THROTTLED);
        RecordingInterceptor.reset();

        List<Volume> found = new Ec2Volumes(client(AwsSettings.DEFAULT_MAX_ATTEMPTS), "flaky").findByName("KAFKA-0");

        assertThat(found).extracting(Volume::id).containsExactly(vol);
        assertThat(flaky.failed()).isEqualTo(2);
        assertThat(flaky.requests()).isEqualTo(3);
        assertThat(RecordingInterceptor.count("DescribeVolumes")).isEqualTo(1); // one API call, three attempts
    }

    @Test
    void aServerErrorBurstOnAttachIsRetriedAndTheAttachLands() {
        String vol = moto.fixtures().createVolume("KAFKA-0", "us-east-1a", 10);
        String instance = moto.fixtures().runInstance("us-east-1a");
        flaky.failNext(Failure.INTERNAL, Failure.UNAVAILABLE, Failure.INTERNAL);

        new Ec2Volumes(client(AwsSettings.DEFAULT_MAX_ATTEMPTS), "flaky").attach(vol, instance, "/dev/xvdg");

        assertThat(flaky.failed()).isEqualTo(3);
        assertThat(moto.ec2().describeVolumes(r -> r.volumeIds(vol)).volumes().get(0).attachments())
                .singleElement().satisfies(a -> assertThat(a.instanceId()).isEqualTo(instance));
    }

    @Test
    void failuresThatDoNotStopAreBoundedAndMapToExit6() {
        moto.fixtures().createBrokerEnis("KAFKA-", 1, "us-east-1a");
        flaky.failAlways(Failure.UNAVAILABLE);

        assertThatThrownBy(() -> new Ec2NetworkInterfaces(client(4), "flaky-ec2").findByName("KAFKA-0"))
                .isInstanceOf(DependencyUnreachableException.class)
                .hasMessageContaining("DescribeNetworkInterfaces (tag:Name=KAFKA-0) kept failing at flaky-ec2 (Unavailable, HTTP 503)")
                .extracting(e -> ((DependencyUnreachableException) e).exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(flaky.requests()).isEqualTo(4);
    }

    @Test
    void theCliRidesOutABurstAndReportsAFailureThatDoesNotStopAsExit6() {
        moto.fixtures().createBrokerEnis("KAFKA-", 1, "us-east-1a");
        String instance = moto.fixtures().runInstance("us-east-1a");
        List<String> args = new ArrayList<>(List.of("attach-eni", "--broker-id", "0", "--instance-id", instance,
                "--availability-zone", "us-east-1a", "--interface-timeout", "0", "--output", "json",
                "--region", "us-east-1", "--ec2-endpoint", flaky.endpoint().toString()));
        flaky.failNext(Failure.INTERNAL, Failure.UNAVAILABLE);

        CliRun ok = CliRun.of(args);

        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        assertThat(ok.json().get("changed").asBoolean()).isTrue();
        NetworkInterface eni = new Ec2NetworkInterfaces(moto.ec2(), "moto").findByName("KAFKA-0").get(0);
        assertThat(eni.attachedInstance()).contains(instance);

        flaky.failAlways(Failure.INTERNAL);
        args.addAll(List.of("--aws-max-attempts", "3"));
        CliRun down = CliRun.of(args);

        assertThat(down.exitCode()).isEqualTo(6);
        assertThat(down.errorLines()).singleElement().asString().contains("kept failing").contains("InternalError");
    }

    @Test
    void everyRetryIsLoggedWithServiceOperationErrorAttemptAndDelay() {
        String vol = moto.fixtures().createVolume("KAFKA-0", "us-east-1a", 10);
        flaky.failNext(Failure.THROTTLED, Failure.INTERNAL);
        List<Volume> found = new ArrayList<>();

        String log = StderrCapture.during(() ->
                found.addAll(new Ec2Volumes(client(AwsSettings.DEFAULT_MAX_ATTEMPTS), "flaky").findByName("KAFKA-0")));

        assertThat(found).extracting(Volume::id).containsExactly(vol);
        List<String> retries = log.lines().filter(l -> l.contains("retrying in")).toList();
        assertThat(retries).hasSize(2);
        assertThat(retries.get(0)).contains("WARN")
                .containsPattern("EC2 DescribeVolumes failed \\(RequestLimitExceeded, HTTP 503\\) on attempt 1 of 8; retrying in \\d+\\.\\d s");
        assertThat(retries.get(1))
                .containsPattern("EC2 DescribeVolumes failed \\(InternalError, HTTP 500\\) on attempt 2 of 8; retrying in \\d+\\.\\d s");
    }

    @Test
    void theCliLogsEachRetryBeforeItsExit6Line() {
        moto.fixtures().createBrokerEnis("KAFKA-", 1, "us-east-1a");
        String instance = moto.fixtures().runInstance("us-east-1a");
        flaky.failAlways(Failure.UNAVAILABLE);
        List<CliRun> runs = new ArrayList<>();

        String log = StderrCapture.during(() -> runs.add(CliRun.of("attach-eni", "--broker-id", "0", "--instance-id", instance,
                "--availability-zone", "us-east-1a", "--interface-timeout", "0", "--region", "us-east-1",
                "--ec2-endpoint", flaky.endpoint().toString(), "--aws-max-attempts", "3")));

        assertThat(runs.get(0).exitCode()).isEqualTo(6);
        assertThat(log.lines().filter(l -> l.contains("retrying in")))
                .extracting(l -> l.replaceAll(".*(EC2 .* on attempt \\d of \\d).*", "$1"))
                .containsExactly("EC2 DescribeNetworkInterfaces failed (Unavailable, HTTP 503) on attempt 1 of 3",
                        "EC2 DescribeNetworkInterfaces failed (Unavailable, HTTP 503) on attempt 2 of 3");
    }
}
