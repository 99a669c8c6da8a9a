package io.kafkaaas.aws;

import io.kafkaaas.instance.InstanceDirectory;
import io.kafkaaas.instance.InstanceState;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DescribeInstances by filter rather than by InstanceIds: with ids, one unknown instance fails the whole
 * call (InvalidInstanceID.NotFound), while a filter simply leaves it out, which is what "unknown" means.
 */
public final class Ec2InstanceDirectory implements InstanceDirectory {
    private static final int MAX_FILTER_VALUES = 200;

    private final Ec2Client ec2;
    private final String endpoint;

    public Ec2InstanceDirectory(Ec2Client ec2, String endpoint) {
        this.ec2 = ec2;
        this.endpoint = endpoint;
    }

    @Override
    public Map<String, InstanceState> states(Collection<String> instanceIds) {
        Map<String, InstanceState> states = new HashMap<>();
        List<String> ids = new ArrayList<>(instanceIds);
        for (int from = 0; from < ids.size(); from += MAX_FILTER_VALUES) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_FILTER_VALUES));
            try {
                ec2.describeInstancesPaginator(r -> r.filters(Filter.builder().name("instance-id").values(chunk).build()))
                        .reservations().stream()
                        .map(Reservation::instances)
                        .flatMap(List::stream)
                        .forEach((Instance i) -> states.put(i.instanceId(), InstanceState.fromApiName(i.state().nameAsString())));
            } catch (SdkException e) {
                throw AwsFailures.translate("DescribeInstances", endpoint, e);
            }
        }
        return states;
    }
}
