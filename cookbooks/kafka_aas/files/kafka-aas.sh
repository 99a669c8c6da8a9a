#!/usr/bin/env bash
# kafka-aas: runs the helper jar. KAFKA_AAS_JAVA_OPTS (set by the systemd units) adds the AppCDS archive that
# was built at bake time; a short-lived CLI also gains from stopping at the C1 compiler. JVM warnings (a stale
# AppCDS archive, say) go to stderr: by default they go to stdout, which must stay one JSON object for Chef.
set -euo pipefail

KAFKA_AAS_HOME=${KAFKA_AAS_HOME:-/opt/kafka-aas}
read -r -a java_opts <<<"${KAFKA_AAS_JAVA_OPTS:-}"

exec java -XX:TieredStopAtLevel=1 -Xlog:disable -Xlog:all=warning:stderr "${java_opts[@]}" -jar "$KAFKA_AAS_HOME/kafka-aas.jar" "$@"
