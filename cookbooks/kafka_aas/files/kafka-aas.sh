#!/usr/bin/env bash
# kafka-aas: runs the helper jar with the short-lived CLI's JVM flags from $KAFKA_AAS_HOME/jvm.options (one place,
# also read by the bake and the benchmark) and the AppCDS archive the bake trained for the command it runs. JDK
# 17's dynamic archive holds what one JVM run loaded, so the bake (packer/scripts/40-appcds.sh) trains one per
# boot command: $KAFKA_AAS_HOME/appcds/<command>.jsa (wait-healthy, signal) when the first argument is a plain
# command name and its archive exists, else kafka-aas.jsa (trained on bootstrap; any other command maps it for the
# classes they share). KAFKA_AAS_JAVA_OPTS adds flags after these (a -XX:SharedArchiveFile there wins over the
# launcher's); KAFKA_AAS_EXTRA_CLASSPATH adds jars after the
# helper's (the simulation's storage platform, for the local simulation and the benchmark; after, so the archive
# still matches). JVM warnings (a stale AppCDS archive, say) go to stderr: by default they go to stdout, which
# must stay one JSON object for Chef.
set -euo pipefail

KAFKA_AAS_HOME=${KAFKA_AAS_HOME:-/opt/kafka-aas}
options_file=${KAFKA_AAS_JVM_OPTIONS:-$KAFKA_AAS_HOME/jvm.options}
archive=$KAFKA_AAS_HOME/kafka-aas.jsa
if [[ "${1:-}" =~ ^[a-z-]+$ && -s "$KAFKA_AAS_HOME/appcds/$1.jsa" ]]; then
  archive=$KAFKA_AAS_HOME/appcds/$1.jsa
fi

jvm_flags=()
if [[ -f "$options_file" ]]; then
  while read -r flag; do
    [[ -z "$flag" || "$flag" == \#* ]] || jvm_flags+=("$flag")
  done <"$options_file"
fi
if [[ -s "$archive" ]]; then
  jvm_flags+=("-XX:SharedArchiveFile=$archive")
fi
read -r -a java_opts <<<"${KAFKA_AAS_JAVA_OPTS:-}"
classpath=$KAFKA_AAS_HOME/kafka-aas.jar${KAFKA_AAS_EXTRA_CLASSPATH:+:$KAFKA_AAS_EXTRA_CLASSPATH}

exec java "${jvm_flags[@]}" -Xlog:disable -Xlog:all=warning:stderr "${java_opts[@]}" -cp "$classpath" io.kafkaaas.cli.Main "$@"
