package io.kafkaaas.instance;

import java.time.Instant;

/** A standby: an instance of the cluster that found no free broker id, as EC2 reports it. */
public record WaitingInstance(String instanceId, String availabilityZone, InstanceState state, Instant launchedAt) {
}
