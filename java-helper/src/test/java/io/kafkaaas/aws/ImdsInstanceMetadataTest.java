package io.kafkaaas.aws;

import io.kafkaaas.core.DependencyUnreachableException;
import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.ImdsStub;
import io.kafkaaas.testing.MotoFixtures;
import io.kafkaaas.testing.MotoServer;
import io.kafkaaas.testing.StderrCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The IMDSv2 adapter against a token-enforcing metadata stub: tokens always, IMDSv1 never, expiry survived. */
class ImdsInstanceMetadataTest {
    private ImdsStub stub;

    @BeforeEach
    void setUp() throws IOException {
        stub = new ImdsStub().identity("i-0123456789abcdef0", "eu-west-1b", "eu-west-1");
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    @Test
    void readsIdentityWithASessionTokenAndNeverWithout() {
        try (ImdsInstanceMetadata imds = new ImdsInstanceMetadata(stub.endpoint())) {
            assertThat(imds.instanceId()).isEqualTo("i-0123456789abcdef0");
            assertThat(imds.availabilityZone()).isEqualTo("eu-west-1b");
            assertThat(imds.region()).isEqualTo("eu-west-1");
        }
        assertThat(stub.tokensIssued()).isGreaterThanOrEqualTo(1);
        assertThat(stub.tokenlessRequests()).isZero();
        assertThat(stub.rejected()).isZero();
    }

    @Test
    void anExpiredTokenIsReplacedAndTheReadSucceeds() {
        try (ImdsInstanceMetadata imds = new ImdsInstanceMetadata(stub.endpoint())) {
            assertThat(imds.instanceId()).isEqualTo("i-0123456789abcdef0");
            int before = stub.tokensIssued();

            stub.expireAllTokens();

            assertThat(imds.availabilityZone()).isEqualTo("eu-west-1b");
            assertThat(stub.rejected()).isEqualTo(1);
            assertThat(stub.tokensIssued()).isEqualTo(before + 1);
        }
        assertThat(stub.tokenlessRequests()).isZero();
    }

    @Test
    void listsInterfacesAndTheirDeviceNumbersFreshEveryTime() {
        stub.networkInterface("02:00:00:00:00:01", 0);
        try (ImdsInstanceMetadata imds = new ImdsInstanceMetadata(stub.endpoint())) {
            assertThat(imds.macs()).containsExactly("02:00:00:00:00:01");
            assertThat(imds.deviceNumberOf("02:00:00:00:00:02")).isEmpty();

            assertThat(imds.subnetCidrOf("02:00:00:00:00:02")).isEmpty();

            stub.networkInterface("02:00:00:00:00:02", 1, "10.0.1.0/24"); // the ENI got attached meanwhile

            assertThat(imds.macs()).containsExactly("02:00:00:00:00:01", "02:00:00:00:00:02");
            assertThat(imds.deviceNumberOf("02:00:00:00:00:02")).isEqualTo(OptionalInt.of(1));
            assertThat(imds.subnetCidrOf("02:00:00:00:00:02")).contains("10.0.1.0/24");
        }
    }

    @Test
    void anImdsThatRefusesTokensIsUnreachableAndIsNeverAskedWithoutOne() {
        stub.refuseTokens(true);
        try (ImdsInstanceMetadata imds = new ImdsInstanceMetadata(stub.endpoint())) {
            assertThatThrownBy(imds::instanceId)
                    .isInstanceOf(DependencyUnreachableException.class)
                    .hasMessageContaining("instance metadata (IMDSv2) at " + stub.endpoint());
        }
        assertThat(stub.tokenlessRequests()).isZero();
    }

    @Test
    void anImdsThatDoesNotAnswerIsRetriedVisiblyThenUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        URI nothing = URI.create("http://127.0.0.1:" + closedPort);

        String log = StderrCapture.during(() -> {
            try (ImdsInstanceMetadata imds = new ImdsInstanceMetadata(nothing)) {
                assertThatThrownBy(imds::instanceId).isInstanceOf(DependencyUnreachableException.class)
                        .hasMessageContaining("instance metadata (IMDSv2) at " + nothing);
            }
        });

        assertThat(log.lines().filter(l -> l.contains("retrying in")).toList())
                .hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("WARN").contains("instance metadata (IMDSv2) at " + nothing))
                .satisfies(l -> assertThat(l.get(0)).contains("PUT /latest/api/token failed (ConnectException")
                        .contains("on attempt 1 of 4; retrying in"))
                .satisfies(l -> assertThat(l.get(2)).contains("on attempt 3 of 4; retrying in"));
    }

    @Test
    void attachEniTakesInstanceZoneAndRegionFromImds() {
        MotoServer moto = MotoServer.get();
        MotoFixtures fixtures = new MotoFixtures(moto.ec2());
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        String instance = fixtures.runInstance("us-east-1a");
        String eni = fixtures.createEni("KAFKA-0", "us-east-1a");
        String mac = moto.ec2().describeNetworkInterfaces(r -> r.networkInterfaceIds(eni)).networkInterfaces().get(0).macAddress();
        stub.identity(instance, "us-east-1a", "us-east-1").networkInterface(mac, 1);
        List<String> args = new ArrayList<>(List.of("attach-eni", "--broker-id", "0", "--interface-timeout", "0",
                "--output", "json", "--imds-endpoint", stub.endpoint().toString(), "--ec2-endpoint", moto.endpoint().toString()));

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.json().get("instanceId").asText()).isEqualTo(instance);
        assertThat(run.json().get("eniId").asText()).isEqualTo(eni);
        assertThat(run.stderr()).contains("IMDS lists it as device-number 1");
        assertThat(stub.tokenlessRequests()).isZero();
    }
}
