package io.kafkaaas.eni;

import io.kafkaaas.core.Change;

import java.util.List;
import java.util.Optional;

/**
 * The broker's ENI, attached here. interfaceName is empty when the kernel did not show the interface in time
 * (then warnings says so, and the network step fails rather than this one); subnetCidr is empty when instance
 * metadata does not list the interface (or is not in use). changed is true only when this run called
 * AttachNetworkInterface.
 */
public record EniAttachResult(
        String eniId,
        String name,
        String privateIp,
        String macAddress,
        String subnetId,
        Optional<String> subnetCidr,
        String availabilityZone,
        int deviceIndex,
        String attachmentId,
        Optional<String> interfaceName,
        List<String> warnings,
        boolean changed) implements Change {
}
