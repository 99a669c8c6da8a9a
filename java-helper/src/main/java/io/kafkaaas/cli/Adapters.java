package io.kafkaaas.cli;

import io.kafkaaas.aws.AwsSettings;
import io.kafkaaas.aws.Ec2Clients;
import io.kafkaaas.aws.Ec2InstanceDirectory;
import io.kafkaaas.aws.Ec2NameTags;
import io.kafkaaas.aws.Ec2NetworkInterfaces;
import io.kafkaaas.aws.Ec2Volumes;
import io.kafkaaas.aws.Ec2WaitingInstances;
import io.kafkaaas.aws.ImdsInstanceMetadata;
import io.kafkaaas.core.UsageException;
import io.kafkaaas.instance.InstanceDirectory;
import io.kafkaaas.instance.InstanceIdentity;
import io.kafkaaas.instance.WaitingInstances;
import io.kafkaaas.eni.InterfaceMetadata;
import io.kafkaaas.eni.NetworkInterfaces;
import io.kafkaaas.retire.NameTags;
import io.kafkaaas.volume.Volumes;
import io.kafkaaas.zk.ZkConnectString;
import io.kafkaaas.zk.ZkSecurity;
import io.kafkaaas.zk.ZooKeeperConnector;
import org.apache.curator.framework.CuratorFramework;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Wires the adapters for one command run. Everything is built on first use, so a command that only needs
 * ZooKeeper never touches IMDS, and bad input rejected earlier never opens a connection.
 */
public final class Adapters implements AutoCloseable {
    private final AwsSettings aws;
    private final AwsOptions awsOptions;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private ImdsInstanceMetadata imds;
    private Ec2Client ec2;
    private InstanceIdentity identity;
    private String region;
    private CuratorFramework curator;
    private Thread zookeeperCloser;

    public Adapters(AwsOptions awsOptions) {
        this.awsOptions = awsOptions;
        this.aws = awsOptions.settings();
    }

    public ImdsInstanceMetadata imds() {
        if (imds == null) {
            imds = register(new ImdsInstanceMetadata(aws.imdsEndpointOrDefault()));
        }
        return imds;
    }

    public InstanceIdentity identity() {
        if (identity == null) {
            String instanceId = awsOptions.instanceId().orElseGet(() -> imds().instanceId());
            String az = awsOptions.availabilityZone().orElseGet(() -> imds().availabilityZone());
            identity = new InstanceIdentity(instanceId, az);
        }
        return identity;
    }

    public String region() {
        if (region == null) {
            region = aws.region().orElseGet(this::defaultRegion);
        }
        return region;
    }

    private String defaultRegion() {
        if (usesImds()) {
            return imds().region();
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException e) {
            throw new UsageException("no AWS region: pass --region (or set AWS_REGION)");
        }
    }

    public Ec2Client ec2() {
        if (ec2 == null) {
            ec2 = register(Ec2Clients.ec2(aws, region()));
        }
        return ec2;
    }

    public String ec2EndpointLabel() {
        return aws.ec2Endpoint().map(Object::toString).orElse("EC2 (" + region() + ")");
    }

    public InstanceDirectory instanceDirectory() {
        return new Ec2InstanceDirectory(ec2(), ec2EndpointLabel());
    }

    public NetworkInterfaces networkInterfaces() {
        return new Ec2NetworkInterfaces(ec2(), ec2EndpointLabel());
    }

    public Volumes volumes() {
        return new Ec2Volumes(ec2(), ec2EndpointLabel());
    }

    public WaitingInstances waitingInstances() {
        return new Ec2WaitingInstances(ec2(), ec2EndpointLabel());
    }

    public NameTags nameTags() {
        return new Ec2NameTags(ec2(), ec2EndpointLabel());
    }

    /** IMDS's view of the interfaces, when IMDS is in use (not when --instance-id stands in for it off EC2). */
    public Optional<InterfaceMetadata> interfaceMetadata() {
        return usesImds() ? Optional.of(imds()) : Optional.empty();
    }

    private boolean usesImds() {
        return aws.imdsEndpoint().isPresent() || awsOptions.instanceId().isEmpty();
    }

    public CuratorFramework zookeeper(ZkConnectString connectString, Duration timeout) {
        return zookeeper(connectString, timeout, ZkSecurity.none());
    }

    public CuratorFramework zookeeper(ZkConnectString connectString, Duration timeout, ZkSecurity security) {
        if (zookeeperCloser != null) {
            throw new IllegalStateException("this run released its ZooKeeper session; it cannot use ZooKeeper again");
        }
        if (curator == null) {
            curator = register(ZooKeeperConnector.connect(connectString, timeout, security));
        }
        return curator;
    }

    /**
     * Ends the ZooKeeper session now, on a thread of its own, for a run that is done with ZooKeeper but not with its
     * work: the client's teardown sleeps 100 ms after the server has ended the session (ZooKeeper's
     * ClientCnxnSocketNIO.cleanup), and bootstrap spends them attaching instead. {@link #close()} waits for it.
     */
    public void releaseZooKeeper() {
        if (curator == null || zookeeperCloser != null) {
            return;
        }
        closeables.remove(curator);
        zookeeperCloser = new Thread(curator::close, "zookeeper-close");
        zookeeperCloser.start();
    }

    public AwsSettings awsSettings() {
        return aws;
    }

    public String tagPrefix() {
        return awsOptions.tagPrefix();
    }

    <T extends AutoCloseable> T register(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    @Override
    public void close() {
        if (zookeeperCloser != null) {
            try {
                zookeeperCloser.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception ignored) {
                // closing is best effort; the process is about to exit
            }
        }
    }
}
