#!/usr/bin/env bash
# kafka-aas-boot: the boot flow of DESIGN.md. Converge kafka_aas::configure (one kafka-aas bootstrap: claim, ENI,
# volume, render; then start Kafka), wait until the broker is healthy (registered, back in every ISR, nothing it
# hosts under-replicated), then tell CloudFormation and the Auto Scaling group how it went. On failure, a health
# timeout included, the instance signals FAILURE and marks itself Unhealthy, so the group replaces it and a rolling
# update stops instead of taking down the next broker while this one is still catching up.
set -euo pipefail

readonly CONFIG_DIR=${KAFKA_AAS_CONFIG_DIR:-/etc/kafka-aas}
readonly ATTRIBUTES="$CONFIG_DIR/boot.json"
readonly HELPER_CONFIG="$CONFIG_DIR/kafka-aas.properties"
# How long Kafka may take to register and catch up. With the converge (at most the cookbook's helper timeout, 900 s)
# and 300 s to boot, start Kafka and signal, it must fit the launch hook's heartbeat timeout
# (cloudformation/kafka-aas.yaml: 2400 s, checked by CloudFormationCheckTest); raise them together.
readonly HEALTH_TIMEOUT=${KAFKA_AAS_HEALTH_TIMEOUT:-900}
# Written by bootstrap when no broker id is free (its exit 3, which the converge does not pass on).
readonly WAITING_MARKER=${KAFKA_AAS_WAITING_MARKER:-/run/kafka-aas/waiting-for-id}

log() {
  echo "kafka-aas-boot: $*" >&2
}

converge() {
  local client
  for client in cinc-client chef-client; do
    if command -v "$client" >/dev/null 2>&1; then
      "$client" --local-mode --config "$CONFIG_DIR/client.rb" --json-attributes "$ATTRIBUTES" \
        --override-runlist 'recipe[kafka_aas::configure]'
      return
    fi
  done
  log "neither cinc-client nor chef-client is installed; rebake the AMI"
  return 1
}

# The helper options file is written by the recipe; without it signal still finds everything through IMDS and tags.
helper() {
  local args=("$@")
  if [[ -r "$HELPER_CONFIG" ]]; then
    args+=(--config "$HELPER_CONFIG")
  fi
  kafka-aas "${args[@]}"
}

# The broker id and its listener come from the server.properties that bootstrap rendered. The listener is this
# broker's own, which opens only once Kafka has loaded its logs: it may stay unreachable for the whole wait.
wait_healthy() {
  helper wait-healthy --timeout "$HEALTH_TIMEOUT" --connect-timeout "$HEALTH_TIMEOUT"
}

# Only this boot's bootstrap may say that no id is free: the marker of an earlier boot (/run survives `systemctl
# restart kafka-aas-boot`, how a standby is booted again) would turn any other failure of this one into a standby.
rm -f -- "$WAITING_MARKER"
status=0
step=configure
converge || status=$?
if [[ "$status" -eq 0 ]]; then
  log "configured and Kafka started; waiting up to ${HEALTH_TIMEOUT} s until the broker is healthy"
  step=wait-healthy
  wait_healthy || status=$?
fi
if [[ "$status" -eq 0 ]]; then
  log "the broker is healthy; signalling success"
  helper signal --success
elif [[ "$step" == configure && -e "$WAITING_MARKER" ]]; then
  # Replacing this instance would only launch another that finds no id either: stay in service as a standby.
  log "no free broker id for this instance; staying in service as a standby without Kafka (signal --waiting)"
  helper signal --waiting
else
  log "$step failed (exit $status); signalling failure so the Auto Scaling group replaces this instance"
  helper signal --failure || log "signal --failure failed too; the launch hook's heartbeat timeout (ABANDON) will replace the instance"
fi
exit "$status"
