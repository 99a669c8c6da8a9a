package io.kafkaaas.aws;

import io.kafkaaas.lifecycle.InstanceTags;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An instance's tags through DescribeInstances, which the helper's role already may call (no DescribeTags). */
public final class Ec2InstanceTags implements InstanceTags {
    private final Ec2Client ec2;
    private final String endpoint;

    public Ec2InstanceTags(Ec2Client ec2, String endpoint) {
        this.ec2 = ec2;
        this.endpoint = endpoint;
    }

    @Override
    public Map<String, String> tagsOf(String instanceId) {
        Map<String, String> tags = new HashMap<>();
        try {
            ec2.describeInstancesPaginator(r -> r.filters(Filter.builder().name("instance-id").values(instanceId).build()))
                    .reservations().stream()
                    .map(Reservation::instances)
                    .flatMap(List::stream)
                    .flatMap(i -> i.tags().stream())
                    .forEach((Tag t) -> tags.put(t.key(), t.value()));
        } catch (SdkException e) {
            throw AwsFailures.translate("DescribeInstances (" + instanceId + " tags)", endpoint, e);
        }
        return tags;
    }
}
