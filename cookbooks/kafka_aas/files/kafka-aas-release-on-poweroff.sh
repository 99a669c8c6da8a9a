#!/usr/bin/env bash
# kafka-aas-release-on-poweroff: ExecStop of kafka-aas-release.service. Releases the broker id when the machine
# powers off (terminate, stop), after Kafka has stopped. A reboot keeps the claim: the instance comes back as
# the same broker, and claim-id is idempotent.
set -euo pipefail

readonly HELPER_CONFIG=${KAFKA_AAS_CONFIG:-/etc/kafka-aas/kafka-aas.properties}

if systemctl list-jobs --no-legend 2>/dev/null | grep -Eq '^[0-9]+ +(reboot|kexec)\.target'; then
  echo "kafka-aas-release: rebooting; keeping the broker id" >&2
  exit 0
fi
if [[ ! -r "$HELPER_CONFIG" ]]; then
  echo "kafka-aas-release: $HELPER_CONFIG is missing (the instance never configured); nothing to release" >&2
  exit 0
fi
kafka-aas release-id --config "$HELPER_CONFIG" --zookeeper-timeout 20
