package io.kafkaaas.instance;

/** Port: facts about the instance this process runs on (IMDSv2 in production). */
public interface InstanceMetadata {
    String instanceId();

    String availabilityZone();

    String region();
}
