package io.kafkaaas.bench;

import io.kafkaaas.claim.LeavingInstances;
import io.kafkaaas.aws.AwsSettings;
import io.kafkaaas.aws.Ec2Clients;
import io.kafkaaas.aws.Ec2InstanceDirectory;
import io.kafkaaas.aws.Ec2NetworkInterfaces;
import io.kafkaaas.claim.EniClaimer;
import io.kafkaaas.claim.EniHolders;
import io.kafkaaas.claim.NoFreeBrokerIdException;
import io.kafkaaas.claim.SlotCatalog;
import io.kafkaaas.core.ResourceWaiter;
import io.kafkaaas.core.Sleeper;
import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.eni.NetworkInterfaces;
import io.kafkaaas.instance.InstanceDirectory;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.localcloud.BrokerResources;
import io.kafkaaas.localcloud.CloudInstance;
import io.kafkaaas.localcloud.CloudTimings;
import io.kafkaaas.localcloud.LocalCloud;
import io.kafkaaas.localcloud.LocalCloudServer;
import io.kafkaaas.localcloud.Transitions;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * ENI claim contention: N instances over three AZs claim N broker ids at the same moment with --claim-store eni, each
 * with the helper's real SDK adapters, against the local cloud's EC2 API over HTTP. Measures the time until every one
 * holds an id and the EC2 requests per claim (counted at the ports: one port call is one API request), for a first boot
 * (all ids free) and a replacement wave (all N holders terminated at the moment the N replacements start, so the
 * replacements wait for EC2 to release the ENIs: the local cloud's shutdown takes SHUTDOWN). Not a test: run
 * bench/claim-contention-eni.sh.
 */
public final class EniClaimContentionBenchmark {
    private static final List<String> ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");
    private static final Duration SHUTDOWN = Duration.ofMillis(500);

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {4, 16, 64};
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        System.out.printf("%-4s %-11s %-6s %10s %10s %10s %10s  %s%n", "N", "scenario", "rounds", "median ms", "min ms",
                "max ms", "req/claim", "per claim (median round): attach, describe-enis, describe-instances, detach");
        for (int n : sizes) {
            for (String scenario : List.of("first-boot", "replacement")) {
                List<Sample> samples = new ArrayList<>();
                for (int round = 0; round < rounds + 1; round++) {
                    Sample sample = run(n, scenario.equals("replacement"));
                    if (round > 0) { // round 0 warms up the JIT, the SDK and the server
                        samples.add(sample);
                    }
                }
                samples.sort((a, b) -> Long.compare(a.nanos, b.nanos));
                Sample median = samples.get(samples.size() / 2);
                System.out.printf("%-4d %-11s %-6d %10.1f %10.1f %10.1f %10.2f  %.2f, %.2f, %.2f, %.2f%n", n, scenario, rounds,
                        median.nanos / 1e6, samples.get(0).nanos / 1e6, samples.get(samples.size() - 1).nanos / 1e6,
                        median.total() / (double) n, median.attach / (double) n, median.describeEnis / (double) n,
                        median.describeInstances / (double) n, median.detach / (double) n);
            }
        }
    }

    private record Sample(long nanos, long attach, long describeEnis, long describeInstances, long detach) {
        long total() {
            return attach + describeEnis + describeInstances + detach;
        }
    }

    private static final class Counters {
        final LongAdder attach = new LongAdder();
        final LongAdder describeEnis = new LongAdder();
        final LongAdder describeInstances = new LongAdder();
        final LongAdder detach = new LongAdder();
    }

    private static Sample run(int n, boolean replacement) throws Exception {
        Path workdir = Files.createTempDirectory("kafka-aas-eni-bench");
        CloudTimings timings = new CloudTimings(Duration.ZERO, Duration.ofMillis(300), Duration.ofMillis(300), SHUTDOWN);
        LocalCloud cloud = new LocalCloud("us-east-1", workdir, timings, Clock.systemUTC(), Transitions.onATimer());
        try (LocalCloudServer server = LocalCloudServer.start(cloud, "127.0.0.1", 0);
             Ec2Client ec2 = Ec2Clients.ec2(new AwsSettings(Optional.of("us-east-1"), Optional.of(server.ec2Endpoint()),
                     Optional.empty(), 3, Duration.ofSeconds(60)), "us-east-1")) {
            BrokerResources.create(cloud, "KAFKA-", n, ZONES);
            List<CloudInstance> instances = launch(cloud, n);
            if (replacement) {
                claimAll(ec2, instances, n, new Counters());
                List<CloudInstance> replacements = launch(cloud, n);
                instances.forEach(i -> cloud.terminate(i.id()));
                instances = replacements;
            }
            Counters counters = new Counters();
            long start = System.nanoTime();
            claimAll(ec2, instances, n, counters);
            long nanos = System.nanoTime() - start;
            return new Sample(nanos, counters.attach.sum(), counters.describeEnis.sum(), counters.describeInstances.sum(),
                    counters.detach.sum());
        }
    }

    private static List<CloudInstance> launch(LocalCloud cloud, int n) {
        List<CloudInstance> instances = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            instances.add(cloud.runInstance(ZONES.get(i % ZONES.size()), null, null, Map.of()));
        }
        return instances;
    }

    private static void claimAll(Ec2Client ec2, List<CloudInstance> instances, int n, Counters counters) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (CloudInstance instance : instances) {
            NetworkInterfaces enis = counting(new Ec2NetworkInterfaces(ec2, "local cloud"), counters);
            InstanceDirectory directory = counting(new Ec2InstanceDirectory(ec2, "local cloud"), counters);
            EniClaimer claimer = new EniClaimer(enis, new SlotCatalog(enis, "KAFKA-"), new EniHolders(directory),
                    new LeavingInstances(ids -> Map.of()), new ResourceWaiter(Clock.systemUTC(), Sleeper.system(), line -> { }), 1, Duration.ofSeconds(300));
            futures.add(pool.submit(() -> {
                start.await();
                return claimer.claim(new InstanceIdentity(instance.id(), instance.availabilityZone()), n).brokerId();
            }));
        }
        start.countDown();
        Set<Integer> ids = new HashSet<>();
        for (Future<Integer> f : futures) {
            try {
                ids.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof NoFreeBrokerIdException) {
                    throw new IllegalStateException("a claimer found no free id with as many ids as claimers", e.getCause());
                }
                throw e;
            }
        }
        pool.shutdown();
        if (ids.size() != n) {
            throw new IllegalStateException(n + " claimers hold " + ids.size() + " distinct ids");
        }
    }

    private static NetworkInterfaces counting(NetworkInterfaces delegate, Counters counters) {
        return new NetworkInterfaces() {
            @Override
            public List<NetworkInterface> findByNamePrefix(String prefix) {
                counters.describeEnis.increment();
                return delegate.findByNamePrefix(prefix);
            }

            @Override
            public List<NetworkInterface> findByName(String name) {
                counters.describeEnis.increment();
                return delegate.findByName(name);
            }

            @Override
            public Optional<NetworkInterface> describe(String eniId) {
                counters.describeEnis.increment();
                return delegate.describe(eniId);
            }

            @Override
            public String attach(String eniId, String instanceId, int deviceIndex) {
                counters.attach.increment();
                return delegate.attach(eniId, instanceId, deviceIndex);
            }

            @Override
            public void detach(String attachmentId) {
                counters.detach.increment();
                delegate.detach(attachmentId);
            }
        };
    }

    private static InstanceDirectory counting(InstanceDirectory delegate, Counters counters) {
        return new InstanceDirectory() {
            @Override
            public Map<String, InstanceState> states(Collection<String> instanceIds) {
                counters.describeInstances.increment();
                return delegate.states(instanceIds);
            }
        };
    }
}
