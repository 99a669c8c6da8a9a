package io.kafkaaas.lifecycle;

import java.util.Map;

/** Port: an instance's tags; CloudFormation and the ASG tag the instances they launch. */
public interface InstanceTags {
    String STACK_NAME = "aws:cloudformation:stack-name";
    String LOGICAL_ID = "aws:cloudformation:logical-id";
    String GROUP_NAME = "aws:autoscaling:groupName";

    Map<String, String> tagsOf(String instanceId);
}
