package io.kafkaaas.aws;

import io.kafkaaas.core.ResourceBusyException;
import io.kafkaaas.eni.EniAttachment;
import io.kafkaaas.eni.NetworkInterface;
import io.kafkaaas.eni.NetworkInterfaces;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttachment;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.List;
import java.util.Optional;

/**
 * The cluster's ENIs, found by their Name tag through DescribeNetworkInterfaces, attached with AttachNetworkInterface
 * (and, for the ENI claim store's rule 5 only, detached from this instance with DetachNetworkInterface).
 */
public final class Ec2NetworkInterfaces implements NetworkInterfaces {
    private final Ec2Client ec2;
    private final String endpoint;

    public Ec2NetworkInterfaces(Ec2Client ec2, String endpoint) {
        this.ec2 = ec2;
        this.endpoint = endpoint;
    }

    @Override
    public List<NetworkInterface> findByNamePrefix(String prefix) {
        return describe("tag:Name", prefix + "*", "DescribeNetworkInterfaces (tag:Name=" + prefix + "*)").stream()
                .filter(n -> n.name() != null && n.name().startsWith(prefix))
                .toList();
    }

    @Override
    public List<NetworkInterface> findByName(String name) {
        return describe("tag:Name", name, "DescribeNetworkInterfaces (tag:Name=" + name + ")").stream()
                .filter(n -> name.equals(n.name()))
                .toList();
    }

    /** By filter rather than by id: an unknown id is then an empty answer, not an InvalidNetworkInterfaceID.NotFound. */
    @Override
    public Optional<NetworkInterface> describe(String eniId) {
        return describe("network-interface-id", eniId, "DescribeNetworkInterfaces (" + eniId + ")").stream().findFirst();
    }

    @Override
    public String attach(String eniId, String instanceId, int deviceIndex) {
        try {
            return ec2.attachNetworkInterface(r -> r.networkInterfaceId(eniId).instanceId(instanceId).deviceIndex(deviceIndex))
                    .attachmentId();
        } catch (SdkException e) {
            if (AwsFailures.isBusy(e)) {
                throw new ResourceBusyException(AwsFailures.errorSummary(e), e);
            }
            throw AwsFailures.translate("AttachNetworkInterface (" + eniId + " to " + instanceId + " at device index "
                    + deviceIndex + ")", endpoint, e);
        }
    }

    @Override
    public void detach(String attachmentId) {
        try {
            ec2.detachNetworkInterface(r -> r.attachmentId(attachmentId));
        } catch (SdkException e) {
            throw AwsFailures.translate("DetachNetworkInterface (" + attachmentId + ")", endpoint, e);
        }
    }

    private List<NetworkInterface> describe(String filter, String value, String action) {
        try {
            return ec2.describeNetworkInterfacesPaginator(r -> r.filters(Filter.builder().name(filter).values(value).build()))
                    .networkInterfaces().stream()
                    .map(Ec2NetworkInterfaces::toDomain)
                    .toList();
        } catch (SdkException e) {
            throw AwsFailures.translate(action, endpoint, e);
        }
    }

    static NetworkInterface toDomain(software.amazon.awssdk.services.ec2.model.NetworkInterface eni) {
        String name = eni.tagSet().stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse(null);
        NetworkInterfaceAttachment a = eni.attachment();
        Optional<EniAttachment> attachment = a == null || a.instanceId() == null
                ? Optional.empty()
                : Optional.of(new EniAttachment(a.attachmentId(), a.instanceId(),
                        a.deviceIndex() == null ? -1 : a.deviceIndex(), a.statusAsString()));
        return new NetworkInterface(eni.networkInterfaceId(), name, eni.availabilityZone(), eni.subnetId(),
                eni.privateIpAddress(), eni.macAddress(), eni.statusAsString(), attachment);
    }
}
