#!/usr/bin/env bash
# Bake step 40: an AppCDS archive of the helper, trained on a real `kafka-aas bootstrap` (claim the id, attach
# the ENI, attach, format and mount the volume, render), so the boot's one helper call loads the classes it needs
# from the archive (bench/startup-appcds.sh). The training boot runs against the local cloud and an embedded
# ZooKeeper from the simulation jar, uploaded for this step only, with --root a scratch directory; the jar, the
# scratch directory and everything the boot wrote (claim, volume, rendered files) are deleted before this step
# ends, and 99-validate.sh fails the bake if any of it is left. The dummy keys exist only in these processes.
#   KAFKA_AAS_HOME (default /opt/kafka-aas) and SCRATCH are for running this step outside a bake.
set -euo pipefail

: "${UPLOAD_DIR:?UPLOAD_DIR is required}"

readonly HOME_DIR=${KAFKA_AAS_HOME:-/opt/kafka-aas}
readonly ARCHIVE=$HOME_DIR/kafka-aas.jsa
readonly JAR=$HOME_DIR/kafka-aas.jar
readonly SIMULATION_JAR=$UPLOAD_DIR/kafka-aas-simulation.jar
# 99-validate.sh checks this exact path: keep them in step.
readonly SCRATCH=${SCRATCH:-/var/tmp/kafka-aas-appcds-training}
readonly LAUNCHER=${LAUNCHER:-/usr/local/bin/kafka-aas}

[[ -f "$SIMULATION_JAR" ]] || { echo "40-appcds: $SIMULATION_JAR is missing; the template uploads it for training" >&2; exit 1; }

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$SCRATCH" "$SIMULATION_JAR"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The launcher's own flags (one per line in jvm.options), so the archive is trained as it is used.
[[ -f "$HOME_DIR/jvm.options" ]] || { echo "40-appcds: $HOME_DIR/jvm.options is missing; kafka_aas::install writes it" >&2; exit 1; }
mapfile -t jvm_flags < <(grep -Ev '^[[:space:]]*(#|$)' "$HOME_DIR/jvm.options")

rm -rf "$SCRATCH" "$ARCHIVE"
install -d -m 0700 "$SCRATCH" "$SCRATCH/root/etc"

# The simulation jar runs on the production jar's classes (its manifest's Class-Path points into a source tree).
simulation=(-cp "$JAR:$SIMULATION_JAR")
java "${simulation[@]}" io.kafkaaas.cli.SimulationMain local-cloud --workdir "$SCRATCH/cloud" --brokers 3 --instances 1 --output json \
  >"$SCRATCH/cloud.json" 2>"$SCRATCH/cloud.log" &
pids+=($!)
zk_port=$(free_port)
java -Dzookeeper.admin.enableServer=false "${simulation[@]}" org.apache.zookeeper.server.ZooKeeperServerMain \
  "$zk_port" "$SCRATCH/zookeeper" >"$SCRATCH/zookeeper.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do
  kill -0 "${pids[@]}" 2>/dev/null || break
  if grep -q '"imdsEndpoint"' "$SCRATCH/cloud.json" 2>/dev/null && (echo >"/dev/tcp/127.0.0.1/$zk_port") 2>/dev/null; then break; fi
  sleep 0.2
done
ec2=$(grep -o '"ec2Endpoint" *: *"[^"]*"' "$SCRATCH/cloud.json" | sed 's/.*"\(http[^"]*\)"/\1/' || true)
imds=$(grep -o '"imdsEndpoint" *: *"[^"]*"' "$SCRATCH/cloud.json" | head -1 | sed 's/.*"\(http[^"]*\)"/\1/' || true)
if [[ -z "$ec2" || -z "$imds" ]]; then
  echo "40-appcds: the local cloud did not start; its log:" >&2
  cat "$SCRATCH/cloud.log" >&2
  exit 1
fi

# The training run: a first boot through the production jar's training entry point (io.kafkaaas.cli.AppCdsTraining,
# which runs Main) on the launcher's class path (the jar alone), so the archive holds what `bootstrap` loads and
# matches `-cp kafka-aas.jar`. The simulation jar, with the storage platform behind --local-volumes, is loaded by
# a class loader of its own (the context loader, where ServiceLoader looks): a jar on the class path at training
# would have to exist at every boot for the archive to load. No source-file launcher: it would add the Java
# compiler's thousand classes to the archive, which every boot maps.
training=(bootstrap --zookeeper "127.0.0.1:$zk_port" --cluster appcds-training --broker-count 3
  --ec2-endpoint "$ec2" --imds-endpoint "$imds" --output json
  --local-volumes "$SCRATCH/cloud/volumes" --root "$SCRATCH/root" --mount-point "$SCRATCH/root/var/lib/kafka"
  --fstab "$SCRATCH/root/etc/fstab" --network-style none --interface-timeout 0
  --kafka-user root --kafka-group root --jmx-port 0)
if ! AWS_ACCESS_KEY_ID=appcds-training AWS_SECRET_ACCESS_KEY=appcds-training \
  java "${jvm_flags[@]}" -XX:ArchiveClassesAtExit="$ARCHIVE" -Xlog:disable -Xlog:all=warning:stderr \
  -cp "$JAR" io.kafkaaas.cli.AppCdsTraining "$SIMULATION_JAR" "${training[@]}" >"$SCRATCH/bootstrap.json" 2>"$SCRATCH/bootstrap.log"; then
  echo "40-appcds: the training bootstrap failed; its log:" >&2
  cat "$SCRATCH/bootstrap.log" >&2
  exit 1
fi
if [[ ! -s "$ARCHIVE" ]]; then
  echo "40-appcds: the JVM wrote no archive at $ARCHIVE" >&2
  exit 1
fi
chmod 0644 "$ARCHIVE"
cleanup
trap - EXIT

# The archive must be usable by the launcher the boot units run (same jar path, same JVM, the jvm.options
# flags): count the classes that really come from it.
shared=$(KAFKA_AAS_JAVA_OPTS="-Xlog:class+load=info" "$LAUNCHER" --version | grep -c 'shared objects file (top)' || true)
if [[ "$shared" -eq 0 ]]; then
  echo "40-appcds: the launcher loads no class from $ARCHIVE; the archive does not match the jar or the JVM" >&2
  exit 1
fi
echo "40-appcds: $ARCHIVE, trained on bootstrap, serves $shared helper classes to --version"
