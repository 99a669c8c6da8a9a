package io.kafkaaas.lifecycle;

/** A lifecycle hook of an Auto Scaling group and the transition it holds instances in. */
public record LifecycleHook(String name, String transition) {
    public static final String LAUNCHING = "autoscaling:EC2_INSTANCE_LAUNCHING";
    public static final String TERMINATING = "autoscaling:EC2_INSTANCE_TERMINATING";
}
