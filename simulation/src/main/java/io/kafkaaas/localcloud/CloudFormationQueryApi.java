package io.kafkaaas.localcloud;

/** The CloudFormation Query API (2010-05-15) for the one call {@code signal} makes: SignalResource. */
final class CloudFormationQueryApi {
    static final String VERSION = "2010-05-15";
    static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private final LocalAutoScaling stack;

    CloudFormationQueryApi(LocalAutoScaling stack) {
        this.stack = stack;
    }

    String handle(QueryParams p) {
        String action = p.required("Action");
        if (!action.equals("SignalResource")) {
            throw new Ec2Error("InvalidAction", "The action " + action + " is not valid for this web service"
                    + " (the local cloud models the CloudFormation call kafka-aas makes)");
        }
        stack.signalResource(p.required("StackName"), p.required("LogicalResourceId"), p.required("UniqueId"), p.required("Status"));
        return AutoScalingQueryApi.metadata(new Xml().openRoot("SignalResourceResponse", NAMESPACE))
                .close("SignalResourceResponse").toString();
    }
}
