package io.kafkaaas.eni;

/** An ENI's attachment: status is the EC2 attachment status (attaching, attached, detaching, detached). */
public record EniAttachment(String attachmentId, String instanceId, int deviceIndex, String status) {
}
