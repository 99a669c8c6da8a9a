#!/usr/bin/env bash
# kafka-aas-boot: the boot flow of DESIGN.md. Converge kafka_aas::configure (claim, ENI, volume, render, start
# Kafka), then tell CloudFormation and the Auto Scaling group how it went. On failure the instance signals
# FAILURE and marks itself Unhealthy, so the group replaces it instead of keeping a broker that never came up.
set -euo pipefail

readonly CONFIG_DIR=${KAFKA_AAS_CONFIG_DIR:-/etc/kafka-aas}
readonly ATTRIBUTES="$CONFIG_DIR/boot.json"
readonly HELPER_CONFIG="$CONFIG_DIR/kafka-aas.properties"

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
signal() {
  local args=(signal "$1")
  if [[ -r "$HELPER_CONFIG" ]]; then
    args+=(--config "$HELPER_CONFIG")
  fi
  kafka-aas "${args[@]}"
}

status=0
converge || status=$?
if [[ "$status" -eq 0 ]]; then
  log "configured; signalling success"
  signal --success
else
  log "configure failed (exit $status); signalling failure so the Auto Scaling group replaces this instance"
  signal --failure || log "signal --failure failed too; the launch hook's heartbeat timeout (ABANDON) will replace the instance"
fi
exit "$status"
