#!/usr/bin/env bash
# kafka-aas-termination-watch: polls instance metadata (IMDSv2) for the Auto Scaling group's target lifecycle
# state. When it turns "Terminated" (the termination hook holds the instance in Terminating:Wait), it stops
# Kafka cleanly, releases the broker id in ZooKeeper and completes the hook, so the replacement can take the
# id, the ENI and the volume at once instead of waiting for EC2 to report this instance gone. Before it stops Kafka
# it checks that the other replicas of this broker's partitions are in sync, and logs when they are not: the
# instance is going away either way, but an operator must know that this stop leaves partitions short of replicas.
set -euo pipefail

readonly IMDS=${KAFKA_AAS_IMDS:-http://169.254.169.254}
readonly POLL_SECONDS=${KAFKA_AAS_POLL_SECONDS:-5}
readonly KAFKA_SERVICE=${KAFKA_AAS_KAFKA_SERVICE:-confluent-server}
readonly HELPER_CONFIG=${KAFKA_AAS_CONFIG:-/etc/kafka-aas/kafka-aas.properties}
readonly IN_SYNC_CHECK_SECONDS=${KAFKA_AAS_IN_SYNC_CHECK_SECONDS:-10}

imds_get() {
  local token
  token=$(curl -sf -X PUT "$IMDS/latest/api/token" -H 'X-aws-ec2-metadata-token-ttl-seconds: 60') || return 1
  curl -sf -H "X-aws-ec2-metadata-token: $token" "$IMDS/latest/meta-data/$1"
}

while true; do
  state=$(imds_get autoscaling/target-lifecycle-state || true)
  if [[ "$state" == "Terminated" ]]; then
    echo "kafka-aas-termination-watch: the Auto Scaling group is terminating this instance; stopping $KAFKA_SERVICE" >&2
    # wait-healthy also fails when a partition this broker hosts is under-replicated: another replica is behind.
    kafka-aas wait-healthy --config "$HELPER_CONFIG" --timeout "$IN_SYNC_CHECK_SECONDS" \
      || echo "kafka-aas-termination-watch: WARNING: replicas of this broker's partitions are not all in sync (see above);" \
        "stopping $KAFKA_SERVICE anyway, the instance is terminating" >&2
    systemctl stop "$KAFKA_SERVICE" || echo "kafka-aas-termination-watch: stopping $KAFKA_SERVICE failed; releasing anyway" >&2
    exec kafka-aas release-id --complete-lifecycle-action --config "$HELPER_CONFIG"
  fi
  sleep "$POLL_SECONDS"
done
