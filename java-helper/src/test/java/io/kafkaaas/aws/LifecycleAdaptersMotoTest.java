package io.kafkaaas.aws;

import io.kafkaaas.lifecycle.GroupMembership;
import io.kafkaaas.lifecycle.InstanceTags;
import io.kafkaaas.lifecycle.LifecycleHook;
import io.kafkaaas.testing.MotoAutoScaling;
import io.kafkaaas.testing.MotoEc2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The Auto Scaling and tag adapters through the real SDK against moto_server: marshalling and response mapping. */
class LifecycleAdaptersMotoTest {
    @RegisterExtension
    final MotoEc2 moto = new MotoEc2();
    private MotoAutoScaling asg;
    private AsgAutoScalingGroups groups;
    private Ec2InstanceTags tags;

    @BeforeEach
    void setUp() {
        asg = new MotoAutoScaling(moto.server(), moto.fixtures());
        AwsSettings settings = new AwsSettings(Optional.of("us-east-1"), Optional.of(moto.server().endpoint()), Optional.empty(),
                2, Duration.ofSeconds(30));
        groups = new AsgAutoScalingGroups(LifecycleClients.autoScaling(settings, "us-east-1", Optional.of(moto.server().endpoint())), "moto");
        tags = new Ec2InstanceTags(Ec2Clients.ec2(settings, "us-east-1"), "moto");
    }

    @Test
    void findsTheGroupOfAMemberAndNothingForAStranger() {
        String member = asg.createGroup("kafka-brokers", "us-east-1a", 1).get(0);
        String stranger = moto.fixtures().runInstance("us-east-1a");

        GroupMembership membership = groups.membership(member).orElseThrow();

        assertThat(membership.groupName()).isEqualTo("kafka-brokers");
        assertThat(membership.lifecycleState()).isEqualTo("InService");
        assertThat(membership.unhealthy()).isFalse();
        assertThat(groups.membership(stranger)).isEmpty();
    }

    @Test
    void listsTheGroupsHooksWithTheirTransitions() {
        asg.createGroup("kafka-brokers", "us-east-1a", 1);

        assertThat(groups.hooks("kafka-brokers")).containsExactlyInAnyOrder(
                new LifecycleHook("kafka-brokers-launch", LifecycleHook.LAUNCHING),
                new LifecycleHook("kafka-brokers-terminate", LifecycleHook.TERMINATING));
    }

    @Test
    void marksAnInstanceUnhealthy() {
        String member = asg.createGroup("kafka-brokers", "us-east-1a", 1).get(0);

        groups.setUnhealthy(member);

        assertThat(asg.details(member).healthStatus()).isEqualToIgnoringCase("Unhealthy");
        assertThat(groups.membership(member).orElseThrow().unhealthy()).isTrue();
    }

    @Test
    void readsTheCloudFormationTagsOfAnInstance() {
        List<String> members = asg.createGroup("kafka-brokers", "us-east-1a", 1);
        asg.tagAsLaunchedByStack(members.get(0), "kafka", "Brokers");

        assertThat(tags.tagsOf(members.get(0)))
                .containsEntry(InstanceTags.STACK_NAME, "kafka")
                .containsEntry(InstanceTags.LOGICAL_ID, "Brokers")
                .containsEntry(InstanceTags.GROUP_NAME, "kafka-brokers");
        assertThat(tags.tagsOf("i-0123456789abcdef0")).isEmpty();
    }
}
