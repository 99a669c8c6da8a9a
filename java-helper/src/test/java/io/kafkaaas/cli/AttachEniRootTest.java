package io.kafkaaas.cli;

import io.kafkaaas.testing.CliRun;
import io.kafkaaas.testing.MotoFixtures;
import io.kafkaaas.testing.MotoServer;
import io.kafkaaas.testing.Requirements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.kafkaaas.testing.LoopDevices.sh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel side of attach-eni: a veth interface that carries the ENI's MAC stands in for the NIC EC2 hot-plugs,
 * under a name that is not eth1, and the CLI must find it through /sys/class/net by MAC. Root only; the link is
 * down, has no address, and is deleted after the test.
 */
class AttachEniRootTest {
    private String link;

    @BeforeEach
    void setUp() {
        Requirements.requireRoot("AttachEniRootTest");
        Requirements.requireTool("ip");
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        link = "kaas" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    }

    @AfterEach
    void tearDown() {
        if (link != null && Files.exists(Path.of("/sys/class/net", link))) {
            sh("ip", "link", "del", link);
        }
    }

    @Test
    void findsTheKernelInterfaceByTheEnisMacWhateverItIsCalled() {
        MotoServer moto = MotoServer.get();
        MotoFixtures fixtures = new MotoFixtures(moto.ec2());
        String instance = fixtures.runInstance("us-east-1a");
        String eni = fixtures.createEni("KAFKA-0", "us-east-1a");
        String mac = moto.ec2().describeNetworkInterfaces(r -> r.networkInterfaceIds(eni)).networkInterfaces().get(0).macAddress();
        sh("ip", "link", "add", link, "address", mac, "type", "veth", "peer", "name", link + "p");
        List<String> args = new ArrayList<>(List.of("attach-eni", "--broker-id", "0", "--instance-id", instance,
                "--availability-zone", "us-east-1a", "--interface-timeout", "5", "--output", "json"));
        args.addAll(List.of(moto.cliOptions()));

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.json().get("interface").asText()).isEqualTo(link);
        assertThat(run.json().get("macAddress").asText()).isEqualTo(mac);
        assertThat(run.stderr()).doesNotContain("warning");
    }
}
