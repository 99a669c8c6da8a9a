package io.kafkaaas.localcloud;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Auto Scaling Query API (2011-01-01) for the calls {@code signal} makes: DescribeAutoScalingInstances,
 * DescribeLifecycleHooks, CompleteLifecycleAction and SetInstanceHealth.
 */
final class AutoScalingQueryApi {
    static final String VERSION = "2011-01-01";
    static final String NAMESPACE = "http://autoscaling.amazonaws.com/doc/2011-01-01/";

    private final LocalAutoScaling group;

    AutoScalingQueryApi(LocalAutoScaling group) {
        this.group = group;
    }

    String handle(QueryParams p) {
        String action = p.required("Action");
        return switch (action) {
            case "DescribeAutoScalingInstances" -> describeInstances(p);
            case "DescribeLifecycleHooks" -> describeHooks(p);
            case "CompleteLifecycleAction" -> {
                group.completeLifecycleAction(p.required("AutoScalingGroupName"), p.required("LifecycleHookName"),
                        p.required("InstanceId"), p.required("LifecycleActionResult"));
                yield empty(action);
            }
            case "SetInstanceHealth" -> {
                group.setInstanceHealth(p.required("InstanceId"), p.required("HealthStatus"));
                yield empty(action);
            }
            default -> throw new Ec2Error("InvalidAction", "The action " + action + " is not valid for this web service"
                    + " (the local cloud models the Auto Scaling calls kafka-aas makes)");
        };
    }

    private String describeInstances(QueryParams p) {
        List<LocalAutoScaling.Member> members = p.list("InstanceIds.member").stream()
                .map(group::member).flatMap(Optional::stream).toList();
        Xml xml = new Xml().openRoot("DescribeAutoScalingInstancesResponse", NAMESPACE)
                .open("DescribeAutoScalingInstancesResult").open("AutoScalingInstances");
        for (LocalAutoScaling.Member m : members) {
            xml.open("member").text("InstanceId", m.instanceId()).text("AutoScalingGroupName", LocalAutoScaling.GROUP)
                    .text("AvailabilityZone", m.availabilityZone()).text("LifecycleState", m.lifecycleState())
                    .text("HealthStatus", m.healthStatus()).text("ProtectedFromScaleIn", false).close("member");
        }
        return metadata(xml.close("AutoScalingInstances").close("DescribeAutoScalingInstancesResult"))
                .close("DescribeAutoScalingInstancesResponse").toString();
    }

    private String describeHooks(QueryParams p) {
        group.checkGroup(p.required("AutoScalingGroupName"));
        Xml xml = new Xml().openRoot("DescribeLifecycleHooksResponse", NAMESPACE).open("DescribeLifecycleHooksResult")
                .open("LifecycleHooks").open("member").text("LifecycleHookName", LocalAutoScaling.LAUNCH_HOOK)
                .text("AutoScalingGroupName", LocalAutoScaling.GROUP).text("LifecycleTransition", LocalAutoScaling.LAUNCHING)
                .text("HeartbeatTimeout", 3600).text("DefaultResult", "ABANDON").close("member")
                .close("LifecycleHooks").close("DescribeLifecycleHooksResult");
        return metadata(xml).close("DescribeLifecycleHooksResponse").toString();
    }

    private static String empty(String action) {
        Xml xml = new Xml().openRoot(action + "Response", NAMESPACE).open(action + "Result").close(action + "Result");
        return metadata(xml).close(action + "Response").toString();
    }

    static Xml metadata(Xml xml) {
        return xml.open("ResponseMetadata").text("RequestId", UUID.randomUUID()).close("ResponseMetadata");
    }

    /** The error shape of the Query services other than EC2 (Auto Scaling, CloudFormation). */
    static String errorXml(String namespace, Ec2Error e) {
        return new Xml().openRoot("ErrorResponse", namespace).open("Error").text("Type", "Sender").text("Code", e.code())
                .text("Message", e.getMessage()).close("Error").text("RequestId", UUID.randomUUID()).close("ErrorResponse").toString();
    }
}
