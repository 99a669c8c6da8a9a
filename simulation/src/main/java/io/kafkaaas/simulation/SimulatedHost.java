package io.kafkaaas.simulation;

import java.net.URI;
import java.nio.file.Path;

/**
 * One simulated instance as bootstrap sees it: who it is (through its own IMDS endpoint), where EC2 is, the cluster's
 * options ({@code clusterOptions}: where claims live and, in KRaft mode, the voters, controller port and cluster id),
 * and its root directory, which stands in for the instance's disk (/etc/kafka, the mount
 * point of the data volume, logs).
 */
public record SimulatedHost(
        String instanceId,
        String availabilityZone,
        String region,
        Path root,
        URI ec2Endpoint,
        URI imdsEndpoint,
        String cluster,
        int brokerCount,
        String tagPrefix,
        int kafkaPort,
        java.util.List<String> clusterOptions) {

    /** Where the helper finds EC2 and this instance's IMDS: the local cloud. */
    public java.util.List<String> awsOptions() {
        return java.util.List.of("--ec2-endpoint", ec2Endpoint.toString(), "--imds-endpoint", imdsEndpoint.toString());
    }

    /** The Auto Scaling and CloudFormation endpoints signal uses: the same local cloud. */
    public java.util.List<String> lifecycleOptions() {
        return java.util.List.of("--autoscaling-endpoint", ec2Endpoint.toString(), "--cloudformation-endpoint", ec2Endpoint.toString());
    }

    /** The rendered Kafka environment file, /etc/default/kafka under this instance's root. */
    public Path environmentFile() {
        return root.resolve("etc/default/kafka");
    }

    /** Where the broker's data volume is "mounted" on this instance. */
    public Path mountPoint() {
        return root.resolve("var/lib/kafka");
    }

    public Path configDir() {
        return root.resolve("etc/kafka");
    }

    public Path logDir() {
        return root.resolve("logs");
    }
}
