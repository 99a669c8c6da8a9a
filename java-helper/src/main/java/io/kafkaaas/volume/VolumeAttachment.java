package io.kafkaaas.volume;

/** One attachment of an EBS volume: state is the EC2 attachment state (attaching, attached, detaching, detached, busy). */
public record VolumeAttachment(String instanceId, String device, String state) {
    public boolean isDetached() {
        return "detached".equals(state);
    }
}
