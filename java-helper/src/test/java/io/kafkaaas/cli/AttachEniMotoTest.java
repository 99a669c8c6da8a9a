package io.kafkaaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.MotoEc2;
import io.kafkaaas.testing.RecordingInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** attach-eni end to end: the CLI, the real SDK and moto_server. */
class AttachEniMotoTest {
    @RegisterExtension
    final MotoEc2 moto = MotoEc2.withInstanceIn("us-east-1a");

    private CliRun attachEni(String... extra) {
        List<String> args = new ArrayList<>(List.of("attach-eni", "--instance-id", moto.instance(),
                "--availability-zone", "us-east-1a", "--interface-timeout", "0", "--output", "json"));
        args.addAll(List.of(moto.server().cliOptions()));
        args.addAll(List.of(extra));
        return CliRun.of(args);
    }

    private NetworkInterface eni(String id) {
        return moto.ec2().describeNetworkInterfaces(r -> r.networkInterfaceIds(id)).networkInterfaces().get(0);
    }

    @Test
    void attachesTheEniTaggedForTheBrokerInThisZoneAtDeviceIndexOneAndASecondRunChangesNothing() {
        moto.fixtures().createBrokerEnis("KAFKA-", 3, "us-east-1a");
        String eni2 = moto.fixtures().createEni("KAFKA-2", "us-east-1b"); // same name in another AZ: must be ignored
        String wanted = moto.ec2().describeNetworkInterfaces(r -> r.filters(
                        Filter.builder().name("tag:Name").values("KAFKA-2").build(),
                        Filter.builder().name("availability-zone").values("us-east-1a").build()))
                .networkInterfaces().get(0).networkInterfaceId();
        RecordingInterceptor.reset();

        CliRun first = attachEni("--broker-id", "2");

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        JsonNode json = first.json();
        NetworkInterface after = eni(wanted);
        assertThat(json.get("eniId").asText()).isEqualTo(wanted);
        assertThat(json.get("privateIp").asText()).isEqualTo(after.privateIpAddress());
        assertThat(json.get("macAddress").asText()).isEqualTo(after.macAddress());
        assertThat(json.get("interface").isNull()).isTrue();
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("deviceIndex").asInt()).isEqualTo(1);
        assertThat(json.get("subnetId").asText()).isEqualTo(after.subnetId());
        assertThat(after.attachment().instanceId()).isEqualTo(moto.instance());
        assertThat(after.attachment().deviceIndex()).isEqualTo(1);
        assertThat(eni(eni2).attachment()).isNull();
        assertThat(RecordingInterceptor.count("AttachNetworkInterface")).isEqualTo(1);
        assertThat(first.stderr()).contains("kafka-aas: warning: ENI KAFKA-2 (" + wanted + ") is attached but no kernel interface has MAC");
        assertThat(first.stdout().strip().lines()).hasSize(1);
        String attachmentId = after.attachment().attachmentId();

        RecordingInterceptor.reset();
        CliRun second = attachEni("--broker-id", "2");

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(second.json().get("changed").asBoolean()).isFalse();
        assertThat(second.json().get("eniId").asText()).isEqualTo(wanted);
        assertThat(RecordingInterceptor.count("AttachNetworkInterface")).isZero();
        assertThat(RecordingInterceptor.calls()).isNotEmpty().allMatch(c -> c.startsWith("Describe"));
        assertThat(eni(wanted).attachment().attachmentId()).isEqualTo(attachmentId);
    }

    @Test
    void anEniHeldByARunningInstanceIsExit4AfterTheTimeoutAndStaysWithItsHolder() {
        String eni = moto.fixtures().createEni("KAFKA-0", "us-east-1a");
        String holder = moto.fixtures().runInstance("us-east-1a");
        String attachment = moto.ec2().attachNetworkInterface(r -> r.networkInterfaceId(eni).instanceId(holder).deviceIndex(1))
                .attachmentId();
        RecordingInterceptor.reset();

        CliRun run = attachEni("--broker-id", "0", "--timeout", "2");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("ENI KAFKA-0 (" + eni + ") is still attached to " + holder + " (running, a live instance")
                .contains("waited 2 s").contains("never detaches");
        assertThat(RecordingInterceptor.count("AttachNetworkInterface")).isZero();
        assertThat(RecordingInterceptor.calls()).contains("DescribeInstances");
        assertThat(eni(eni).attachment().instanceId()).isEqualTo(holder);
        assertThat(eni(eni).attachment().attachmentId()).isEqualTo(attachment);
    }

    @Test
    void anUnknownBrokerIdIsExit2WithOneLineAndNothingAttached() {
        moto.fixtures().createBrokerEnis("KAFKA-", 2, "us-east-1a");
        RecordingInterceptor.reset();

        CliRun run = attachEni("--broker-id", "9");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .startsWith("kafka-aas: attach-eni: no ENI is tagged Name=KAFKA-9");
        assertThat(run.json().get("exitCode").asInt()).isEqualTo(2);
        assertThat(RecordingInterceptor.count("AttachNetworkInterface")).isZero();
    }

    @Test
    void anEniOnlyInAnotherZoneIsExit2NamingBothZones() {
        String other = moto.fixtures().createEni("KAFKA-0", "us-east-1b");
        RecordingInterceptor.reset();

        CliRun run = attachEni("--broker-id", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString()
                .contains(other + " in us-east-1b").contains("Availability Zone us-east-1a");
        assertThat(RecordingInterceptor.count("AttachNetworkInterface")).isZero();
        assertThat(eni(other).attachment()).isNull();
    }

    @Test
    void unreachableInstanceMetadataIsExit6BeforeAnyEc2Call() throws Exception {
        moto.fixtures().createBrokerEnis("KAFKA-", 1, "us-east-1a");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RecordingInterceptor.reset();
        List<String> args = new ArrayList<>(List.of("attach-eni", "--broker-id", "0", "--output", "json",
                "--imds-endpoint", "http://127.0.0.1:" + closedPort));
        args.addAll(List.of(moto.server().cliOptions()));

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.errorLines()).singleElement().asString()
                .contains("instance metadata (IMDSv2) at http://127.0.0.1:" + closedPort).contains("--instance-id");
        assertThat(RecordingInterceptor.calls()).isEmpty();
    }

    @Test
    void badOptionsAreExit2BeforeAnything() {
        RecordingInterceptor.reset();

        assertThat(attachEni("--broker-id", "0", "--device-index", "0").exitCode()).isEqualTo(2);
        assertThat(attachEni("--broker-id", "-1").exitCode()).isEqualTo(2);
        assertThat(attachEni().exitCode()).isEqualTo(2);
        assertThat(attachEni("--broker-id", "0", "--interface-timeout", "-5").exitCode()).isEqualTo(2);
        assertThat(RecordingInterceptor.calls()).isEmpty();
    }
}
