package io.kafkaaas.aws;

import io.kafkaaas.instance.InstanceState;
import io.kafkaaas.instance.WaitingInstance;
import io.kafkaaas.instance.WaitingInstances;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Standbys as instance tags: CreateTags on the instance itself, DescribeInstances filtered by the tags to list them. */
public final class Ec2WaitingInstances implements WaitingInstances {
    private final Ec2Client ec2;
    private final String endpoint;

    public Ec2WaitingInstances(Ec2Client ec2, String endpoint) {
        this.ec2 = ec2;
        this.endpoint = endpoint;
    }

    @Override
    public void markWaiting(String instanceId, String cluster) {
        try {
            ec2.createTags(r -> r.resources(instanceId).tags(Tag.builder().key(WAITING_TAG).value(cluster).build()));
        } catch (SdkException e) {
            throw AwsFailures.translate("CreateTags (" + WAITING_TAG + "=" + cluster + " on " + instanceId + ")", endpoint, e);
        }
    }

    @Override
    public List<WaitingInstance> waiting(String cluster) {
        try {
            return ec2.describeInstancesPaginator(r -> r.filters(
                            Filter.builder().name("tag:" + WAITING_TAG).values(cluster).build(),
                            Filter.builder().name("instance-state-name").values("pending", "running").build()))
                    .reservations().stream()
                    .map(Reservation::instances)
                    .flatMap(List::stream)
                    .map(Ec2WaitingInstances::toDomain)
                    .sorted(Comparator.comparing(WaitingInstance::launchedAt).thenComparing(WaitingInstance::instanceId))
                    .toList();
        } catch (SdkException e) {
            throw AwsFailures.translate("DescribeInstances (tag:" + WAITING_TAG + "=" + cluster + ")", endpoint, e);
        }
    }

    private static WaitingInstance toDomain(Instance i) {
        String az = i.placement() == null ? "" : i.placement().availabilityZone();
        return new WaitingInstance(i.instanceId(), az, InstanceState.fromApiName(i.state() == null ? null : i.state().nameAsString()),
                i.launchTime() == null ? Instant.EPOCH : i.launchTime());
    }
}
