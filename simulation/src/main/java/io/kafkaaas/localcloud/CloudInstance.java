package io.kafkaaas.localcloud;

import java.time.Instant;

/** One instance. Mutable state is guarded by the {@link LocalCloud} that owns it. */
public final class CloudInstance {
    private final String id;
    private final Subnet subnet;
    private final String imageId;
    private final String instanceType;
    private final String privateIp;
    private final String macAddress;
    private final String primaryInterfaceId;
    private final Instant launchTime;
    final CloudTags tags = new CloudTags();
    volatile String state = "pending";

    CloudInstance(String id, Subnet subnet, String imageId, String instanceType, String privateIp, String macAddress,
                  String primaryInterfaceId, Instant launchTime) {
        this.id = id;
        this.subnet = subnet;
        this.imageId = imageId;
        this.instanceType = instanceType;
        this.privateIp = privateIp;
        this.macAddress = macAddress;
        this.primaryInterfaceId = primaryInterfaceId;
        this.launchTime = launchTime;
    }

    public String id() {
        return id;
    }

    public String availabilityZone() {
        return subnet.availabilityZone();
    }

    public Subnet subnet() {
        return subnet;
    }

    public String imageId() {
        return imageId;
    }

    public String instanceType() {
        return instanceType;
    }

    public String privateIp() {
        return privateIp;
    }

    public String macAddress() {
        return macAddress;
    }

    public String primaryInterfaceId() {
        return primaryInterfaceId;
    }

    public Instant launchTime() {
        return launchTime;
    }

    public String state() {
        return state;
    }

    /** The EC2 state code that goes with the state name. */
    static int stateCode(String state) {
        return switch (state) {
            case "pending" -> 0;
            case "running" -> 16;
            case "shutting-down" -> 32;
            case "terminated" -> 48;
            case "stopping" -> 64;
            case "stopped" -> 80;
            default -> 0;
        };
    }
}
