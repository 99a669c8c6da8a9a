package io.kafkaaas.boot;

import io.kafkaaas.claim.LeavingInstances;
import io.kafkaaas.claim.BrokerIdClaimer;
import io.kafkaaas.claim.OwnerLiveness;
import io.kafkaaas.claim.SlotCatalog;
import io.kafkaaas.claim.SlotInspector;
import io.kafkaaas.core.ExitCode;
import io.kafkaaas.core.KafkaAasException;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.eni.EniAttacher;
import io.kafkaaas.eni.EniSettings;
import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.eni.NetworkInterfaces;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.network.Ipv4Address;
import io.kafkaaas.network.PolicyRoutingApplier;
import io.kafkaaas.network.Ipv4Subnet;
import io.kafkaaas.network.PolicyRouting;
import io.kafkaaas.network.RouteTable;
import io.kafkaaas.network.RoutingSettings;
import io.kafkaaas.os.LocalConfigFiles;
import io.kafkaaas.os.MetaPropertiesFile;
import io.kafkaaas.render.BrokerSettings;
import io.kafkaaas.render.ConfigRenderer;
import io.kafkaaas.render.ControllerVoter;
import io.kafkaaas.render.JvmSettings;
import io.kafkaaas.render.KafkaMode;
import io.kafkaaas.render.KafkaSettings;
import io.kafkaaas.render.NetworkStyle;
import io.kafkaaas.render.ProcessRoles;
import io.kafkaaas.render.RenderPaths;
import io.kafkaaas.render.RenderSettings;
import io.kafkaaas.render.TemplateRenderer;
import io.kafkaaas.testing.FakeDirectoryOwners;
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
import io.kafkaaas.volume.KafkaAccount;
import io.kafkaaas.volume.VolumeSettings;
import io.kafkaaas.volume.Volumes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The boot sequence against in-memory fakes of every port: order, facts handed on, routing, failures, timings. */
class BootstrapperTest {
    private static final String AZ = "us-east-1a";
    private static final InstanceIdentity ME = new InstanceIdentity("i-me", AZ);
    private static final Path NVME = Path.of("/dev/nvme1n1");
    private static final RouteTable TABLE = new RouteTable(100, "kafka-eni");

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
    private final FakeInterfaceMetadata imds = FakeInterfaceMetadata.everyInterfaceAt(1);
    private Bootstrapper bootstrapper;
    private NetworkInterface eni;

    @BeforeEach
    void setUp() {
        bootstrapper = bootstrapper(List.of());
        eni = enis.add("KAFKA-", 0, AZ);
        volumes.add("vol-0", "KAFKA-0", AZ);
        devices.nvme(NVME, "vol-0", new FilesystemProbe.Blank());
        instances.put("i-me", InstanceState.RUNNING);
    }

    /** The real services over the fakes; templates are looked up in templateDirs first, as with --template-dir. */
    private Bootstrapper bootstrapper(List<Path> templateDirs) {
        return bootstrapper(templateDirs, enis, volumes);
    }

    private Bootstrapper bootstrapper(List<Path> templateDirs, NetworkInterfaces enis, Volumes volumes) {
        ResourceWaiter waiter = new ResourceWaiter(clock, clock.sleeper(), s -> { });
        BrokerIdClaimer claimer = new BrokerIdClaimer(claims, new SlotCatalog(this.enis, "KAFKA-"),
                new SlotInspector(instances, claims, new OwnerLiveness(clock, Duration.ofMinutes(10))),
                new LeavingInstances(ids -> Map.of()), waiter, Duration.ofMinutes(5));
        EniAttacher eniAttacher = new EniAttacher(enis, instances, mac -> Optional.ofNullable(kernelInterfaces.get(mac)),
                Optional.of(imds), waiter);
        VolumeAttacher volumeAttacher = new VolumeAttacher(volumes, instances, devices, mounts, new MetaPropertiesFile(),
                new FakeDirectoryOwners(), waiter);
        return new Bootstrapper(claimer, eniAttacher, volumeAttacher, new PolicyRoutingApplier(kernel),
                new ConfigRenderer(new TemplateRenderer(templateDirs), new LocalConfigFiles(root)), clock);
    }

    /** The plan bootstrap builds from its options; routing empty means --network-style none. */
    private BootstrapPlan plan(Optional<RoutingSettings> routing) {
        Path mountPoint = root.resolve("var/lib/kafka");
        RenderSettings render = new RenderSettings(
                new KafkaSettings(KafkaMode.zookeeper, Optional.of("zk1:2181/kafka"), List.of(), ProcessRoles.AUTO,
                        9092, 9093, "PLAINTEXT", 1, Optional.empty()),
                routing.isPresent() ? NetworkStyle.networkd : NetworkStyle.none,
                new JvmSettings("1g", OptionalInt.empty(), Ipv4Address.parse("jmx", "127.0.0.1")),
                BrokerSettings.of(null, List.of()), RenderPaths.defaults(), "root");
        return new BootstrapPlan(ME, 1, "KAFKA-", Duration.ofSeconds(300),
                new EniSettings(1, Duration.ofSeconds(5)),
                new VolumeSettings("/dev/xvdg", Filesystem.xfs, Optional.of(mountPoint), List.of(), Optional.empty(),
                        KafkaAccount.CONFLUENT),
                routing, render, List.of(mountPoint.resolve("logs")));
    }

    /** Policy routing with the subnet left to instance metadata, as bootstrap plans it without --subnet-cidr. */
    private static Optional<RoutingSettings> routed() {
        return Optional.of(new RoutingSettings(Optional.empty(), Optional.empty(), TABLE, 1000, OptionalInt.empty()));
    }

    private static String subnetOf(NetworkInterface eni) {
        return eni.privateIp().replaceAll("\\.\\d+$", ".0/24");
    }

    @Test
    void runsEveryStepInOrderHandingOnTheFactsAndReRunsWithoutChange() throws Exception {
        kernelInterfaces.put(eni.macAddress(), "ens6");
        imds.put(eni.macAddress(), 1, subnetOf(eni));
        kernel.withLink("ens6", false);

        BootstrapResult first = bootstrapper.run(plan(routed()));

        assertThat(first.changed()).isTrue();
        assertThat(first.steps()).extracting(StepOutcome::step)
                .containsExactly(Step.CLAIM, Step.ENI, Step.VOLUME, Step.NETWORK, Step.SECRETS, Step.RENDER);
        assertThat(first.steps()).filteredOn(s -> !s.skipped()).allMatch(StepOutcome::changed);
        assertThat(first.steps().get(4).skipped()).as("no listener needs a secret").isTrue();
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
        BootstrapResult result = bootstrapper.run(plan(Optional.empty()));

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
    void theSubnetComesFromInstanceMetadataUnlessTheOperatorGaveOne() throws Exception {
        kernelInterfaces.put(eni.macAddress(), "ens6");
        kernel.withLink("ens6", false);
        String wide = eni.privateIp().replaceAll("\\.\\d+\\.\\d+$", ".0.0/16");
        Ipv4Subnet given = Ipv4Subnet.parse("cidr", wide);

        bootstrapper.run(plan(Optional.of(new RoutingSettings(Optional.of(given), Optional.empty(), TABLE, 1000,
                OptionalInt.empty()))));

        String unit = Files.readString(root.resolve("etc/systemd/network/70-ens6.network"));
        assertThat(unit).contains("Address=" + eni.privateIp() + "/16", "Destination=" + wide,
                "Gateway=" + PolicyRouting.defaultGateway(given));
    }

    @Test
    void anUnknownSubnetFailsTheNetworkStepWithExitTwoAndNamesTheFix() {
        kernelInterfaces.put(eni.macAddress(), "ens6"); // and instance metadata lists no subnet for its MAC

        assertThatThrownBy(() -> bootstrapper.run(plan(routed())))
                .isInstanceOfSatisfying(BootstrapFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.failed()).isEqualTo(Step.NETWORK);
                    assertThat(e.getMessage()).contains("the subnet of ENI " + eni.id(), "pass --subnet-cidr");
                });
        assertThat(kernel.changes()).isEmpty();
    }

    @Test
    void aTemplateWithAnUndefinedVariableStopsTheBootBeforeTheFirstStep() throws Exception {
        Path templates = Files.createDirectories(root.resolve("templates"));
        Files.writeString(templates.resolve("eni.network.ftl"), "[Match]\nName=${net.interface}\nMTUBytes=${net.jumbo}\n");

        assertThatThrownBy(() -> bootstrapper(List.of(templates)).run(plan(routed())))
                .isNotInstanceOf(BootstrapFailedException.class)
                .isInstanceOfSatisfying(KafkaAasException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.getMessage()).startsWith("the render step would fail, so nothing was claimed or attached: ")
                            .contains("eni.network.ftl line 3", "variable 'net.jumbo' is undefined");
                });
        assertThat(claims.readAll()).isEmpty();
        assertThat(enis.attachCalls()).isZero();
        assertThat(volumes.attachCalls()).isZero();
        assertThat(root.resolve("etc")).doesNotExist();
    }

    @Test
    void aFileThatCouldNotBeWrittenStopsTheBootBeforeTheFirstStep() throws Exception {
        Files.createDirectories(root.resolve("etc/systemd"));
        Files.writeString(root.resolve("etc/systemd/network"), "a file where the directory should be\n");

        assertThatThrownBy(() -> bootstrapper.run(plan(routed())))
                .isInstanceOfSatisfying(KafkaAasException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.getMessage()).contains("cannot write " + root.resolve("etc/systemd/network/70-eth1.network"),
                            root.resolve("etc/systemd/network") + " is not a directory");
                });
        assertThat(claims.readAll()).isEmpty();
        assertThat(volumes.attachCalls()).isZero();
        assertThat(root.resolve("etc/kafka")).doesNotExist();
    }

    @Test
    void aKraftControllerPlanIsCheckedWithTheVotersOwnAddress() {
        RenderSettings kraft = new RenderSettings(
                new KafkaSettings(KafkaMode.kraft, Optional.empty(), ControllerVoter.parseList("0@10.9.0.5:9093"),
                        ProcessRoles.parse("controller"), 9092, 9093, "PLAINTEXT", 1, Optional.empty()),
                NetworkStyle.none, new JvmSettings("1g", OptionalInt.empty(), Ipv4Address.parse("jmx", "127.0.0.1")),
                BrokerSettings.of(null, List.of()), RenderPaths.defaults(), "root");
        BootstrapPlan plan = plan(Optional.empty());
        BootstrapPlan controller = new BootstrapPlan(plan.me(), 1, plan.tagPrefix(), plan.timeout(), plan.eni(),
                plan.volume(), Optional.empty(), kraft, plan.logDirs());

        assertThat(RenderPreview.of(controller)).hasValueSatisfying(r -> {
            assertThat(r.broker().id()).isZero();
            assertThat(r.broker().privateIp()).hasToString("10.9.0.5");
            assertThat(r.roles().isController()).isTrue();
        });
    }

    @Test
    void aDataSafetyRefusalKeepsItsExitCodeAndNothingIsRendered() {
        volumes.markFormattedAlready("vol-0", "mkfs xfs earlier"); // blank device on a volume that had a filesystem

        assertThatThrownBy(() -> bootstrapper.run(plan(Optional.empty())))
                .isInstanceOfSatisfying(BootstrapFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.DATA_SAFETY);
                    assertThat(e.failed()).isEqualTo(Step.VOLUME);
                    assertThat(e.completed()).extracting(StepOutcome::step).containsExactly(Step.CLAIM, Step.ENI);
                });
        assertThat(devices.formatted()).isEmpty();
        assertThat(root.resolve("etc/kafka/server.properties")).doesNotExist();
    }

    /** A port that runs before on each call of the named method, then delegates to the fake. */
    @SuppressWarnings("unchecked")
    private static <T> T onCall(Class<T> port, T fake, String method, Runnable before) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, m, args) -> {
            if (m.getName().equals(method)) {
                before.run();
            }
            try {
                return m.invoke(fake, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).as(what).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void theEniAndTheVolumeAttachSideBySide() throws Exception {
        CountDownLatch volumeAttaching = new CountDownLatch(1);
        // The ENI's attach call goes on only once the volume's attach call was made: one after the other, it never would.
        NetworkInterfaces eniPort = onCall(NetworkInterfaces.class, enis, "attach",
                () -> await(volumeAttaching, "the volume step attached while the ENI step was attaching"));
        Volumes volumePort = onCall(Volumes.class, volumes, "attach", volumeAttaching::countDown);

        BootstrapResult result = bootstrapper(List.of(), eniPort, volumePort).run(plan(Optional.empty()));

        assertThat(result.steps()).extracting(StepOutcome::step)
                .containsExactly(Step.CLAIM, Step.ENI, Step.VOLUME, Step.NETWORK, Step.SECRETS, Step.RENDER);
        assertThat(result.facts().volumeId()).isEqualTo("vol-0");
        assertThat(enis.describe(eni.id()).orElseThrow().attachment()).isPresent();
        assertThat(root.resolve("etc/kafka/server.properties")).exists();
    }

    @Test
    void aFailedEniStepStopsTheBootAndStillRecordsTheVolumeThatAttachedBesideIt() {
        NetworkInterfaces eniPort = onCall(NetworkInterfaces.class, enis, "attach", () -> {
            throw new KafkaAasException(ExitCode.TIMEOUT, "ENI KAFKA-0 stayed attached elsewhere (test)");
        });

        assertThatThrownBy(() -> bootstrapper(List.of(), eniPort, volumes).run(plan(Optional.empty())))
                .isInstanceOfSatisfying(BootstrapFailedException.class, e -> {
                    assertThat(e.failed()).isEqualTo(Step.ENI);
                    assertThat(e.exitCode()).isEqualTo(ExitCode.TIMEOUT);
                    assertThat(e.completed()).extracting(StepOutcome::step).containsExactly(Step.CLAIM, Step.VOLUME);
                });
        assertThat(volumes.describe("vol-0").orElseThrow().attachmentTo("i-me")).isPresent();
        assertThat(root.resolve("etc/kafka/server.properties")).doesNotExist();
    }

    @Test
    void whenBothFailTheEniStepIsTheOneReported() {
        volumes.markFormattedAlready("vol-0", "mkfs xfs earlier");
        NetworkInterfaces eniPort = onCall(NetworkInterfaces.class, enis, "attach", () -> {
            throw new KafkaAasException(ExitCode.TIMEOUT, "ENI KAFKA-0 stayed attached elsewhere (test)");
        });

        assertThatThrownBy(() -> bootstrapper(List.of(), eniPort, volumes).run(plan(Optional.empty())))
                .isInstanceOfSatisfying(BootstrapFailedException.class, e -> {
                    assertThat(e.failed()).isEqualTo(Step.ENI);
                    assertThat(e.completed()).extracting(StepOutcome::step).containsExactly(Step.CLAIM);
                });
        assertThat(devices.formatted()).isEmpty();
    }
}
