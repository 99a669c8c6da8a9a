package io.kafkaaas.boot;

import io.kafkaaas.claim.BrokerIdClaimer;
import io.kafkaaas.claim.OwnerLiveness;
import io.kafkaaas.claim.SlotCatalog;
import io.kafkaaas.claim.SlotInspector;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.eni.EniAttachRequest;
import io.kafkaaas.eni.EniAttacher;
import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.network.Ipv4Address;
import io.kafkaaas.network.Ipv4Subnet;
import io.kafkaaas.network.PolicyRouting;
import io.kafkaaas.network.PolicyRoutingApplier;
import io.kafkaaas.network.RouteTable;
import io.kafkaaas.os.LocalConfigFiles;
import io.kafkaaas.os.MetaPropertiesFile;
import io.kafkaaas.render.BrokerIdentity;
import io.kafkaaas.render.BrokerSettings;
import io.kafkaaas.render.ConfigRenderer;
import io.kafkaaas.render.JvmSettings;
import io.kafkaaas.render.KafkaMode;
import io.kafkaaas.render.KafkaSettings;
import io.kafkaaas.render.NetworkStyle;
import io.kafkaaas.render.ProcessRoles;
import io.kafkaaas.render.RenderPaths;
import io.kafkaaas.render.RenderRequest;
import io.kafkaaas.render.TemplateRenderer;
import io.kafkaaas.testing.FakeBlockDevices;
import io.kafkaaas.testing.FakeInstanceDirectory;
import io.kafkaaas.testing.FakeInterfaceMetadata;
import io.kafkaaas.testing.FakeKernelRouting;
import io.kafkaaas.testing.FakeMounts;
import io.kafkaaas.testing.FakeNetworkInterfaces;
import io.kafkaaas.testing.FakeVolumes;
import io.kafkaaas.testing.InMemoryClaimStore;
import io.kafkaaas.testing.ManualClock;
import io.kafkaaas.volume.Filesystem;
import io.kafkaaas.volume.FilesystemProbe;
import io.kafkaaas.volume.VolumeAttacher;
import io.kafkaaas.volume.VolumeRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The boot sequence against in-memory fakes of every port: order, facts handed on, routing, failures, timings. */
class BootstrapperTest {
    private static final String AZ = "us-east-1a";
    private static final InstanceIdentity ME = new InstanceIdentity("i-me", AZ);
    private static final Path NVME = Path.of("/dev/nvme1n1");

    @TempDir
    Path root;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryClaimStore claims = new InMemoryClaimStore(clock);
    private final FakeInstanceDirectory instances = new FakeInstanceDirectory();
    private final FakeNetworkInterfaces enis = new FakeNetworkInterfaces().withClock(clock);
    private final Map<String, String> kernelInterfaces = new HashMap<>();
    private final FakeVolumes volumes = new FakeVolumes().withClock(clock);
    private final FakeBlockDevices devices = new FakeBlockDevices();
    private final FakeMounts mounts = new FakeMounts(uuid -> devices.devicesWithUuid(uuid).get(0));
    private final FakeKernelRouting kernel = new FakeKernelRouting();
    private Bootstrapper bootstrapper;
    private NetworkInterface eni;

    @BeforeEach
    void setUp() {
        ResourceWaiter waiter = new ResourceWaiter(clock, clock.sleeper(), s -> { });
        BrokerIdClaimer claimer = new BrokerIdClaimer(claims, new SlotCatalog(enis, "KAFKA-"),
                new SlotInspector(instances, claims, new OwnerLiveness(clock, Duration.ofMinutes(10))), clock);
        EniAttacher eniAttacher = new EniAttacher(enis, instances, mac -> Optional.ofNullable(kernelInterfaces.get(mac)),
                Optional.of(FakeInterfaceMetadata.everyInterfaceAt(1)), waiter);
        VolumeAttacher volumeAttacher = new VolumeAttacher(volumes, instances, devices, mounts, new MetaPropertiesFile(),
                new io.kafkaaas.testing.FakeDirectoryOwners(), waiter);
        bootstrapper = new Bootstrapper(claimer, eniAttacher, volumeAttacher, new PolicyRoutingApplier(kernel),
                new ConfigRenderer(new TemplateRenderer(List.of()), new LocalConfigFiles(root)), clock);
        eni = enis.add("KAFKA-", 0, AZ);
        volumes.add("vol-0", "KAFKA-0", AZ);
        devices.nvme(NVME, "vol-0", new FilesystemProbe.Blank());
        instances.put("i-me", InstanceState.RUNNING);
    }

    private BootstrapPlan plan(NetworkPlanner network) {
        Path mountPoint = root.resolve("var/lib/kafka");
        return new BootstrapPlan(ME, 1,
                id -> new EniAttachRequest(ME, id, "KAFKA-", 1, Duration.ofSeconds(300), Duration.ofSeconds(5)),
                id -> new VolumeRequest(ME, id, "KAFKA-", "/dev/xvdg", Filesystem.xfs, Optional.of(mountPoint),
                        Optional.empty(), Optional.empty(), Duration.ofSeconds(300)),
                network,
                (facts, routing) -> new RenderRequest(
                        new BrokerIdentity(facts.brokerId(), Ipv4Address.parse("ip", facts.privateIp()),
                                Optional.of(facts.availabilityZone()), List.of(mountPoint.resolve("logs").toString())),
                        new KafkaSettings(KafkaMode.zookeeper, Optional.of("zk1:2181/kafka"), List.of(), ProcessRoles.AUTO,
                                9092, 9093, "PLAINTEXT", 1, Optional.empty()),
                        routing.isPresent() ? NetworkStyle.networkd : NetworkStyle.none, routing,
                        new JvmSettings("1g", OptionalInt.empty(), Ipv4Address.parse("jmx", "127.0.0.1")),
                        BrokerSettings.of(null, List.of()), new RenderPaths(RenderPaths.SERVER_PROPERTIES,
                                RenderPaths.ENVIRONMENT_FILE), "root"));
    }

    /** Routing in the ENI's subnet, as bootstrap would plan it from IMDS's subnet-ipv4-cidr-block. */
    private NetworkPlanner routed() {
        return new NetworkPlanner() {
            @Override
            public boolean wanted() {
                return true;
            }

            @Override
            public PolicyRouting plan(BrokerFacts facts, String interfaceName) {
                Ipv4Address ip = Ipv4Address.parse("ip", facts.privateIp());
                Ipv4Subnet subnet = Ipv4Subnet.parse("cidr", facts.privateIp().replaceAll("\\.\\d+$", ".0/24"));
                return new PolicyRouting(interfaceName, ip, PolicyRouting.defaultGateway(subnet), subnet,
                        new RouteTable(100, "kafka-eni"), 1000, OptionalInt.empty());
            }
        };
    }

    @Test
    void runsEveryStepInOrderHandingOnTheFactsAndReRunsWithoutChange() throws Exception {
        kernelInterfaces.put(eni.macAddress(), "ens6");
        kernel.withLink("ens6", false);

        BootstrapResult first = bootstrapper.run(plan(routed()));

        assertThat(first.changed()).isTrue();
        assertThat(first.steps()).extracting(StepOutcome::step)
                .containsExactly(Step.CLAIM, Step.ENI, Step.VOLUME, Step.NETWORK, Step.RENDER);
        assertThat(first.steps()).allMatch(StepOutcome::changed);
        assertThat(first.facts().brokerId()).isZero();
        assertThat(first.facts().interfaceName()).contains("ens6");
        assertThat(first.facts().device()).contains(NVME);
        assertThat(kernel.currentRules()).singleElement().satisfies(r -> assertThat(r.source()).isEqualTo(eni.privateIp()));
        String server = Files.readString(root.resolve("etc/kafka/server.properties"));
        assertThat(server).contains("broker.id=0", "listeners=PLAINTEXT://" + eni.privateIp() + ":9092");
        assertThat(root.resolve("etc/systemd/network/70-ens6.network")).exists();

        BootstrapResult second = bootstrapper.run(plan(routed()));

        assertThat(second.changed()).isFalse();
        assertThat(second.steps()).noneMatch(StepOutcome::changed);
        assertThat(volumes.attachCalls()).isEqualTo(1);
    }

    @Test
    void withoutPolicyRoutingTheNetworkStepIsSkipped() {
        BootstrapResult result = bootstrapper.run(plan(NetworkPlanner.NONE));

        assertThat(result.network()).isEmpty();
        assertThat(result.steps().get(3).skipped()).isTrue();
        assertThat(kernel.changes()).isEmpty();
        assertThat(result.render().files()).extracting(f -> f.path()).containsExactly(
                root.resolve("etc/kafka/server.properties").toString(), root.resolve("etc/default/kafka").toString());
    }

    @Test
    void anInterfaceThatNeverAppearsFailsTheNetworkStepWithExitFourAfterTheAttachments() {
        assertThatThrownBy(() -> bootstrapper.run(plan(routed())))
                .isInstanceOfSatisfying(BootstrapFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.TIMEOUT);
                    assertThat(e.failed()).isEqualTo(Step.NETWORK);
                    assertThat(e.completed()).extracting(StepOutcome::step).containsExactly(Step.CLAIM, Step.ENI, Step.VOLUME);
                    assertThat(e.getMessage()).startsWith("network step failed: ENI KAFKA-0 (" + eni.id() + ") is attached")
                            .contains("no kernel interface with MAC " + eni.macAddress());
                });
        assertThat(root.resolve("etc/kafka/server.properties")).doesNotExist();
    }

    @Test
    void aDataSafetyRefusalKeepsItsExitCodeAndNothingIsRendered() {
        volumes.markFormattedAlready("vol-0", "mkfs xfs earlier"); // blank device on a volume that had a filesystem

        assertThatThrownBy(() -> bootstrapper.run(plan(NetworkPlanner.NONE)))
                .isInstanceOfSatisfying(BootstrapFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.DATA_SAFETY);
                    assertThat(e.failed()).isEqualTo(Step.VOLUME);
                });
        assertThat(devices.formatted()).isEmpty();
        assertThat(root.resolve("etc/kafka/server.properties")).doesNotExist();
    }
}
