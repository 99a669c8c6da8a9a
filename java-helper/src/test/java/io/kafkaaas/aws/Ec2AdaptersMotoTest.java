package io.kafkaaas.aws;

import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.testing.MotoEc2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The real SDK against moto_server: request marshalling, filters, pagination and response mapping. */
class Ec2AdaptersMotoTest {
    @RegisterExtension
    final MotoEc2 moto = new MotoEc2();
    private Ec2Client client;

    @BeforeEach
    void setUp() {
        AwsSettings settings = new AwsSettings(Optional.of("us-east-1"), Optional.of(moto.server().endpoint()), Optional.empty(),
                3, Duration.ofSeconds(30));
        client = Ec2Clients.ec2(settings, "us-east-1");
    }

    @Test
    void findsEnisByNamePrefixInEveryZoneWithTheirAttachment() {
        moto.fixtures().createBrokerEnis("KAFKA-", 3, "us-east-1a");
        moto.fixtures().createEni("KAFKA-3", "us-east-1b");
        moto.fixtures().createEni("OTHER-0", "us-east-1a");
        String instance = moto.fixtures().runInstance("us-east-1a");
        String eni0 = new Ec2NetworkInterfaces(client, "moto").findByNamePrefix("KAFKA-").stream()
                .filter(n -> n.name().equals("KAFKA-0")).findFirst().orElseThrow().id();
        moto.ec2().attachNetworkInterface(r -> r.networkInterfaceId(eni0).instanceId(instance).deviceIndex(1));

        List<NetworkInterface> enis = new Ec2NetworkInterfaces(client, "moto").findByNamePrefix("KAFKA-");

        assertThat(enis).extracting(NetworkInterface::name).containsExactlyInAnyOrder("KAFKA-0", "KAFKA-1", "KAFKA-2", "KAFKA-3");
        assertThat(enis).filteredOn(n -> n.name().equals("KAFKA-3")).singleElement()
                .extracting(NetworkInterface::availabilityZone).isEqualTo("us-east-1b");
        NetworkInterface attached = enis.stream().filter(n -> n.id().equals(eni0)).findFirst().orElseThrow();
        assertThat(attached.attachedInstance()).contains(instance);
        assertThat(attached.attachment().orElseThrow().deviceIndex()).isEqualTo(1);
        assertThat(attached.privateIp()).startsWith("10.0.");
        assertThat(attached.macAddress()).matches("[0-9a-f:]{17}");
    }

    @Test
    void reportsStatesAndLeavesUnknownInstancesOut() {
        String running = moto.fixtures().runInstance("us-east-1a");
        String terminated = moto.fixtures().runInstance("us-east-1a");
        moto.fixtures().terminate(terminated);

        Map<String, InstanceState> states = new Ec2InstanceDirectory(client, "moto")
                .states(List.of(running, terminated, "i-0123456789abcdef0"));

        assertThat(states).containsEntry(running, InstanceState.RUNNING);
        assertThat(states.get(terminated)).isIn(InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED);
        assertThat(states).doesNotContainKey("i-0123456789abcdef0");
    }
}
