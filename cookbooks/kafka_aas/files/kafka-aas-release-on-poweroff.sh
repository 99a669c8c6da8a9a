#!/usr/bin/env bash
# kafka-aas-release-on-poweroff: ExecStop of kafka-aas-release.service. Releases the broker id when the machine
# powers off or halts (terminate, stop), after Kafka has stopped. Anything else keeps the claim: a reboot (the
# instance comes back as the same broker, and claim-id is idempotent), and a stop of this unit while the machine
# stays up (by hand, a restart, an isolate), when Kafka may still be running as this broker.
set -euo pipefail

readonly HELPER_CONFIG=${KAFKA_AAS_CONFIG:-/etc/kafka-aas/kafka-aas.properties}

jobs=$(systemctl list-jobs --no-legend 2>/dev/null || true)
if grep -Eq '^[0-9]+ +(reboot|kexec)\.target' <<<"$jobs"; then
  echo "kafka-aas-release: rebooting; keeping the broker id" >&2
  exit 0
fi
if ! grep -Eq '^[0-9]+ +(poweroff|halt)\.target' <<<"$jobs"; then
  echo "kafka-aas-release: stopped, but the machine is not powering off; keeping the broker id" >&2
  exit 0
fi
if [[ ! -r "$HELPER_CONFIG" ]]; then
  echo "kafka-aas-release: $HELPER_CONFIG is missing (the instance never configured); nothing to release" >&2
  exit 0
fi
kafka-aas release-id --config "$HELPER_CONFIG" --zookeeper-timeout 20
