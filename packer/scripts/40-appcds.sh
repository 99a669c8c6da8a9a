#!/usr/bin/env bash
# Bake step 40: AppCDS archives of the helper, one per boot command, each trained on a real run of that command in
# a JVM of its own (JDK 17's dynamic archive holds what one run loaded), so every helper call of the boot loads the
# classes it needs from an archive (bench/startup-appcds.sh). The launcher maps appcds/<command>.jsa when it
# exists, else kafka-aas.jsa:
#   kafka-aas.jsa            a first `kafka-aas bootstrap` (claim the id, attach the ENI, attach, format and mount
#                            the volume, render), against the local cloud and an embedded ZooKeeper from the
#                            simulation jar, uploaded for this step only, with --root a scratch directory;
#   appcds/signal.jsa        `signal --success` of that instance, which the local cloud's Auto Scaling group holds
#                            in its launch hook and whose stack it answers (CompleteLifecycleAction, SignalResource);
#   appcds/wait-healthy.jsa  `wait-healthy` against a throwaway single-node KRaft broker on loopback, its config, log
#                            dir and meta.properties in the scratch directory, hosting one topic's partition. Kafka
#                            is Confluent's (kafka-storage, kafka-server-start on PATH) or, with
#                            KAFKA_TRAINING_CLASSPATH=DIR, `java -cp "DIR/*" kafka.Kafka` (the simulation's Kafka
#                            jars, for the benchmark and tests). Without Kafka, or when this training fails, the
#                            image ships without it (the launcher falls back to kafka-aas.jsa): a speed-up never
#                            fails the bake.
# The jar, the scratch directory and everything the runs wrote (claim, volume, rendered files, the training
# broker's data) are deleted before this step ends, and 99-validate.sh fails the bake if any of it is left. The
# dummy keys exist only in these processes.
#   KAFKA_AAS_HOME (default /opt/kafka-aas) and SCRATCH are for running this step outside a bake.
set -euo pipefail

: "${UPLOAD_DIR:?UPLOAD_DIR is required}"

readonly HOME_DIR=${KAFKA_AAS_HOME:-/opt/kafka-aas}
readonly ARCHIVE=$HOME_DIR/kafka-aas.jsa
# The launcher's per-command archives: appcds/<command>.jsa.
readonly COMMAND_ARCHIVES=$HOME_DIR/appcds
readonly JAR=$HOME_DIR/kafka-aas.jar
readonly SIMULATION_JAR=$UPLOAD_DIR/kafka-aas-simulation.jar
# 99-validate.sh checks this exact path: keep them in step.
readonly SCRATCH=${SCRATCH:-/var/tmp/kafka-aas-appcds-training}
readonly LAUNCHER=${LAUNCHER:-/usr/local/bin/kafka-aas}
readonly KAFKA_TRAINING_CLASSPATH=${KAFKA_TRAINING_CLASSPATH:-}

[[ -f "$SIMULATION_JAR" ]] || { echo "40-appcds: $SIMULATION_JAR is missing; the template uploads it for training" >&2; exit 1; }

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
}
cleanup() {
  stop_all
  rm -rf "$SCRATCH" "$SIMULATION_JAR"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Polls, 0.2 s apart and for at most LIMIT seconds, until PORT accepts connections; fails at once if PID exited.
wait_for_port() { # port, pid, limit
  for _ in $(seq 1 $(($3 * 5))); do
    kill -0 "$2" 2>/dev/null || return 1
    (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}

# The launcher's own flags (one per line in jvm.options), so the archives are trained as they are used.
[[ -f "$HOME_DIR/jvm.options" ]] || { echo "40-appcds: $HOME_DIR/jvm.options is missing; kafka_aas::install writes it" >&2; exit 1; }
mapfile -t jvm_flags < <(grep -Ev '^[[:space:]]*(#|$)' "$HOME_DIR/jvm.options")

rm -rf "$SCRATCH" "$ARCHIVE" "$COMMAND_ARCHIVES"
install -d -m 0700 "$SCRATCH" "$SCRATCH/root/etc"
install -d -m 0755 "$COMMAND_ARCHIVES"

# The simulation jar runs on the production jar's classes (its manifest's Class-Path points into a source tree).
# Its one instance is launched by the local cloud's Auto Scaling group, as at boot: tagged with the group and the
# stack, held by the launch hook, so that signal finds and is answered everything it sends.
simulation=(-cp "$JAR:$SIMULATION_JAR")
java "${simulation[@]}" io.kafkaaas.cli.SimulationMain local-cloud --workdir "$SCRATCH/cloud" --brokers 3 --group-instances 1 \
  --output json >"$SCRATCH/cloud.json" 2>"$SCRATCH/cloud.log" &
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

# A training run: one command through the production jar's training entry point (io.kafkaaas.cli.AppCdsTraining,
# which runs Main) on the launcher's class path (the jar alone), in a JVM of its own that dumps ARCHIVE at exit,
# with the launcher's flags: the archive holds what that command loads and matches `-cp kafka-aas.jar`. The
# simulation jar, with the storage platform behind --local-volumes, is loaded by a class loader of its own (the
# context loader, where ServiceLoader looks): a jar on the class path at training would have to exist at every
# boot for the archive to load. No source-file launcher: it would add the Java compiler's thousand classes to the
# archive, which every boot maps.
train() { # archive, name, command...
  local archive=$1 name=$2
  shift 2
  if ! AWS_ACCESS_KEY_ID=appcds-training AWS_SECRET_ACCESS_KEY=appcds-training \
    java "${jvm_flags[@]}" -XX:ArchiveClassesAtExit="$archive" -Xlog:disable -Xlog:all=warning:stderr \
    -cp "$JAR" io.kafkaaas.cli.AppCdsTraining "$SIMULATION_JAR" "$@" >"$SCRATCH/$name.json" 2>"$SCRATCH/$name.log"; then
    echo "40-appcds: the training $name failed; its log:" >&2
    cat "$SCRATCH/$name.log" >&2
    rm -f "$archive"
    return 1
  fi
  if [[ ! -s "$archive" ]]; then
    echo "40-appcds: the training $name wrote no archive at $archive" >&2
    rm -f "$archive"
    return 1
  fi
  chmod 0644 "$archive"
}

# 1. bootstrap: the first boot of the group's instance, in the scratch root.
training=(bootstrap --zookeeper "127.0.0.1:$zk_port" --cluster appcds-training --broker-count 3
  --ec2-endpoint "$ec2" --imds-endpoint "$imds" --output json
  --local-volumes "$SCRATCH/cloud/volumes" --root "$SCRATCH/root" --mount-point "$SCRATCH/root/var/lib/kafka"
  --fstab "$SCRATCH/root/etc/fstab" --network-style none --interface-timeout 0
  --kafka-user root --kafka-group root --jmx-port 0)
train "$ARCHIVE" bootstrap "${training[@]}" || exit 1

# 2. signal --success, as the boot sends it once the broker is healthy: the stack and the group from the
# instance's tags, the hook from the group. Every step must be done: a skipped one would leave its calls untrained.
signal_training=(signal --success --ec2-endpoint "$ec2" --imds-endpoint "$imds"
  --autoscaling-endpoint "$ec2" --cloudformation-endpoint "$ec2" --output json)
train "$COMMAND_ARCHIVES/signal.jsa" signal "${signal_training[@]}" || exit 1
if grep -Eq '"status" *: *"(skipped|unchanged|failed)"' "$SCRATCH/signal.json" || ! grep -Eq '"status" *: *"done"' "$SCRATCH/signal.json"; then
  echo "40-appcds: the training signal did not complete the launch hook and signal the stack; its result:" >&2
  cat "$SCRATCH/signal.json" "$SCRATCH/signal.log" >&2
  exit 1
fi
stop_all

# 3. wait-healthy, against a throwaway single-node KRaft broker (broker and controller) on loopback that hosts one
# partition, read from that broker's server.properties under --root, as the boot reads the rendered one.
readonly KAFKA_DIR=$SCRATCH/kafka
kafka_storage=()
kafka_start=()
if [[ -n "$KAFKA_TRAINING_CLASSPATH" ]]; then
  if [[ -d "$KAFKA_TRAINING_CLASSPATH" ]]; then
    kafka_java=(java -Xmx256m -cp "$KAFKA_TRAINING_CLASSPATH/*")
    kafka_storage=("${kafka_java[@]}" kafka.tools.StorageTool)
    kafka_start=("${kafka_java[@]}" kafka.Kafka)
  else
    echo "40-appcds: KAFKA_TRAINING_CLASSPATH=$KAFKA_TRAINING_CLASSPATH is not a directory of Kafka jars" >&2
  fi
elif command -v kafka-storage >/dev/null 2>&1 && command -v kafka-server-start >/dev/null 2>&1; then
  kafka_storage=(kafka-storage)
  kafka_start=(kafka-server-start)
fi

train_wait_healthy() {
  local port controller_port cluster_id pid
  port=$(free_port)
  controller_port=$(free_port)
  # A random cluster id in Kafka's form (a UUID, URL-safe base64, not starting with '-').
  cluster_id=$(python3 -c 'import base64, uuid
while True:
    u = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    if not u.startswith("-"):
        print(u)
        break')
  install -d -m 0700 "$KAFKA_DIR/etc/kafka" "$KAFKA_DIR/data" "$KAFKA_DIR/logs"
  printf '%s\n' process.roles=broker,controller node.id=0 "controller.quorum.voters=0@127.0.0.1:$controller_port" \
    "listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port" \
    "advertised.listeners=PLAINTEXT://127.0.0.1:$port" inter.broker.listener.name=PLAINTEXT controller.listener.names=CONTROLLER \
    listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT "log.dirs=$KAFKA_DIR/data" \
    offsets.topic.replication.factor=1 transaction.state.log.replication.factor=1 transaction.state.log.min.isr=1 \
    confluent.license.topic.replication.factor=1 confluent.metadata.topic.replication.factor=1 \
    confluent.balancer.topic.replication.factor=1 confluent.metrics.reporter.topic.replicas=1 \
    >"$KAFKA_DIR/etc/kafka/server.properties"
  # (The confluent.* settings let Confluent Server's internal topics live on one broker; Apache Kafka ignores them.)
  # LOG_DIR keeps Kafka's own logs in the scratch directory too (Confluent's default is beside its install).
  if ! LOG_DIR=$KAFKA_DIR/logs KAFKA_HEAP_OPTS=-Xmx256m "${kafka_storage[@]}" format -t "$cluster_id" \
    -c "$KAFKA_DIR/etc/kafka/server.properties" >"$SCRATCH/kafka-format.log" 2>&1; then
    echo "40-appcds: kafka-storage format of the training broker failed; its log:" >&2
    cat "$SCRATCH/kafka-format.log" >&2
    return 1
  fi
  LOG_DIR=$KAFKA_DIR/logs KAFKA_HEAP_OPTS="-Xms256m -Xmx256m" "${kafka_start[@]}" "$KAFKA_DIR/etc/kafka/server.properties" \
    >"$SCRATCH/kafka.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  if ! wait_for_port "$port" "$pid" 300; then
    echo "40-appcds: the training broker did not open 127.0.0.1:$port; the end of its log:" >&2
    tail -50 "$SCRATCH/kafka.log" >&2
    return 1
  fi
  # The topic is created in a JVM of its own, so that the archive holds wait-healthy's classes only.
  if ! java -cp "$JAR" io.kafkaaas.cli.AppCdsTraining --create-topic "127.0.0.1:$port" appcds-training \
    >"$SCRATCH/create-topic.log" 2>&1; then
    cat "$SCRATCH/create-topic.log" >&2
    return 1
  fi
  printf 'cluster=appcds-training\n' >"$KAFKA_DIR/kafka-aas.properties"
  wait_training=(wait-healthy --root "$KAFKA_DIR" --timeout 300 --connect-timeout 300
    --config "$KAFKA_DIR/kafka-aas.properties" --output json)
  train "$COMMAND_ARCHIVES/wait-healthy.jsa" wait-healthy "${wait_training[@]}" || return 1
  if ! grep -Eq '"partitions" *: *[1-9]' "$SCRATCH/wait-healthy.json"; then
    echo "40-appcds: the training wait-healthy saw no partition on the training broker; its result:" >&2
    cat "$SCRATCH/wait-healthy.json" >&2
    return 1
  fi
}

if ((${#kafka_start[@]} == 0)); then
  echo "40-appcds: no Kafka to train wait-healthy on (kafka-storage and kafka-server-start are not on PATH, and no" \
    "KAFKA_TRAINING_CLASSPATH): the image ships without appcds/wait-healthy.jsa, and wait-healthy maps kafka-aas.jsa" >&2
elif ! train_wait_healthy; then
  rm -f "$COMMAND_ARCHIVES/wait-healthy.jsa"
  echo "40-appcds: the wait-healthy training failed (above): the image ships without appcds/wait-healthy.jsa, and" \
    "wait-healthy maps kafka-aas.jsa" >&2
fi
cleanup
trap - EXIT

# Each archive must be usable by the launcher the boot runs (same jar path, same JVM, the jvm.options flags): count
# the classes that really come from it when the launcher picks it for its command.
for command in bootstrap signal wait-healthy; do
  archive=$COMMAND_ARCHIVES/$command.jsa
  [[ "$command" != bootstrap ]] || archive=$ARCHIVE
  [[ -s "$archive" ]] || continue
  shared=$(KAFKA_AAS_JAVA_OPTS="-Xlog:class+load=info" "$LAUNCHER" "$command" --help | grep -c "source: shared objects file (top)" || true)
  if [[ "$shared" -eq 0 ]]; then
    echo "40-appcds: the launcher loads no class from $archive for $command; the archive does not match the jar or the JVM" >&2
    exit 1
  fi
  echo "40-appcds: $archive, trained on $command, serves $shared helper classes to $command --help"
done
