package io.kafkaaas.aws;

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

/** The cluster's ENIs, found by their Name tag through DescribeNetworkInterfaces. */
public final class Ec2NetworkInterfaces implements NetworkInterfaces {
    private final Ec2Client ec2;
    private final String endpoint;

    public Ec2NetworkInterfaces(Ec2Client ec2, String endpoint) {
        this.ec2 = ec2;
        this.endpoint = endpoint;
    }

    @Override
    public List<NetworkInterface> findByNamePrefix(String prefix) {
        try {
            return ec2.describeNetworkInterfacesPaginator(r -> r.filters(
                            Filter.builder().name("tag:Name").values(prefix + "*").build()))
                    .networkInterfaces().stream()
                    .map(Ec2NetworkInterfaces::toDomain)
                    .filter(n -> n.name() != null && n.name().startsWith(prefix))
                    .toList();
        } catch (SdkException e) {
            throw AwsFailures.translate("DescribeNetworkInterfaces (tag:Name=" + prefix + "*)", endpoint, e);
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
