#!/usr/bin/env bash
# Benchmark 2: the boot command, kafka-aas bootstrap (IMDSv2, EC2, ZooKeeper, the volume and render, against the
# local cloud), as the AMI runs it and on the default JVM, side by side in the same run. The AMI's way: the
# shipped launcher (cookbooks/kafka_aas/files/kafka-aas.sh, with the short-lived CLI's flags from
# kafka-aas.jvm-options) and an AppCDS archive trained by the bake's own step (packer/scripts/40-appcds.sh, a
# real bootstrap in a scratch root). The default: `java -cp ... Main`, no flags, the JDK's own CDS archive.
# The measured runs are bootstrap re-runs on a booted instance, which load the same classes and make every check
# but change nothing, so each run does the same work; the two ways alternate, so load hits both alike. It prints
# wall time, peak RSS and CPU time (user + system; GNU time) per run, their medians and ratios, and the load
# average before and after: on a loaded machine the wall time grows with the load, the CPU time far less, and
# the peak RSS not at all.
# Then the boot's two later helper calls through the launcher, each with the archive the bake trained on it
# (appcds/<command>.jsa) against the bootstrap archive (kafka-aas.jsa, what they mapped before), alternating:
# wait-healthy against a single-node KRaft broker (the simulation's Kafka 4.1 jars) hosting one partition, and
# signal --success re-runs (the launch hook already completed, so that step finds nothing to do; the stack signal
# is sent each time).
#
# usage: [AOT_JAVA_HOME=/path/to/jdk25] bench/startup-appcds.sh [RUNS]
# Build first: ./mvnw -B -q package -DskipTests (simulation-kafka4 must be packaged: its target/kafka-libs)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-5}
jar=$PWD/java-helper/target/kafka-aas.jar
# The simulation jar: the local cloud, and the storage platform behind --local-volumes (directories as disks).
simulation=$PWD/simulation/target/kafka-aas-simulation.jar
libs=$PWD/simulation-kafka/target/kafka-libs
kraft_libs=$PWD/simulation-kafka4/target/kafka-libs
if [ ! -f "$jar" ] || [ ! -f "$simulation" ] || [ ! -d "$libs" ] || [ ! -d "$kraft_libs" ]; then
  echo "bench: run ./mvnw -B -q package -DskipTests first" >&2
  exit 2
fi
[ -x /usr/bin/time ] || { echo "bench: GNU time is needed (apt-get install time)" >&2; exit 2; }
command -v jq >/dev/null || { echo "bench: jq is needed (apt-get install jq)" >&2; exit 2; }

tmp=$(mktemp -d /tmp/kafka-aas-bench-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A local cloud with one instance of its Auto Scaling group (signal answers), and a ZooKeeper from the
# simulation's Kafka classpath.
java -jar "$simulation" local-cloud --workdir "$tmp/cloud" --brokers 3 --group-instances 1 --output json >"$tmp/cloud.json" 2>"$tmp/cloud.log" &
pids+=($!)
zk_port=$(free_port)
java -Dlog4j.configuration=kafka-aas-probe-log4j.properties -Dzookeeper.admin.enableServer=false -cp "$libs/*" \
  org.apache.zookeeper.server.ZooKeeperServerMain "$zk_port" "$tmp/zk" >"$tmp/zk.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  # jq 1.6 exits 0 on an empty file even with -e: test for the value itself.
  if [ -n "$(jq -r ".ec2Endpoint // empty" "$tmp/cloud.json" 2>/dev/null)" ] && (echo >"/dev/tcp/127.0.0.1/$zk_port") 2>/dev/null; then break; fi
  sleep 0.2
done
ec2=$(jq -r .ec2Endpoint "$tmp/cloud.json")
imds=$(jq -r '.instances[0].imdsEndpoint' "$tmp/cloud.json")
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local
common=(--zookeeper "127.0.0.1:$zk_port" --cluster bench --ec2-endpoint "$ec2" --imds-endpoint "$imds" --output json)

mkdir -p "$tmp/root/etc"
boot=(bootstrap "${common[@]}" --broker-count 3 --local-volumes "$tmp/cloud/volumes" --root "$tmp/root"
  --mount-point "$tmp/root/var/lib/kafka" --fstab "$tmp/root/etc/fstab" --network-style none
  --interface-timeout 0 --kafka-user root --kafka-group root --jmx-port 0)

# The default JVM: the production jar's own Main; the simulation jar only adds the storage platform
# --local-volumes needs.
default_jvm=(java -cp "$jar:$simulation" io.kafkaaas.cli.Main)

# The first boot (claim, attach, format, mount, render), on the default JVM, not measured.
"${default_jvm[@]}" "${boot[@]}" >"$tmp/first.json" 2>"$tmp/first.log" ||
  { echo "bench: the first bootstrap failed:" >&2; cat "$tmp/first.log" >&2; exit 1; }
echo "first boot: $(jq -c .timings "$tmp/first.json") ms"

# The image's /opt/kafka-aas: the jar, the launcher's flags, and the archive the bake's step trains.
home=$tmp/home
mkdir -p "$home" "$tmp/upload"
cp "$jar" "$home/kafka-aas.jar"
cp cookbooks/kafka_aas/files/kafka-aas.jvm-options "$home/jvm.options"
cp "$simulation" "$tmp/upload/kafka-aas-simulation.jar"
install -m 0755 cookbooks/kafka_aas/files/kafka-aas.sh "$tmp/kafka-aas"
launcher=(env KAFKA_AAS_HOME="$home" KAFKA_AAS_EXTRA_CLASSPATH="$simulation" "$tmp/kafka-aas")
KAFKA_AAS_HOME=$home UPLOAD_DIR=$tmp/upload SCRATCH=$tmp/appcds-training LAUNCHER="$tmp/kafka-aas" \
  KAFKA_TRAINING_CLASSPATH=$kraft_libs bash packer/scripts/40-appcds.sh >"$tmp/appcds.log" 2>&1 ||
  { echo "bench: packer/scripts/40-appcds.sh failed:" >&2; cat "$tmp/appcds.log" >&2; exit 1; }
grep '^40-appcds: ' "$tmp/appcds.log"
if [ ! -s "$home/appcds/wait-healthy.jsa" ] || [ ! -s "$home/appcds/signal.jsa" ]; then
  echo "bench: 40-appcds.sh trained no wait-healthy or signal archive:" >&2; cat "$tmp/appcds.log" >&2; exit 1
fi
echo "AppCDS archives: bootstrap $(du -h "$home/kafka-aas.jsa" | cut -f1), signal $(du -h "$home/appcds/signal.jsa" | cut -f1)," \
  "wait-healthy $(du -h "$home/appcds/wait-healthy.jsa" | cut -f1) ($(java -version 2>&1 | head -1)); launcher flags: $(grep -v '^#' "$home/jvm.options" | tr '\n' ' ')"

# Optional, not what ships: the same launcher, flags and jar on a newer JDK with an AOT cache (JEP 483, JDK 24+;
# JDK 25's one-step -XX:AOTCacheOutput), trained on one bootstrap re-run. Set AOT_JAVA_HOME to such a JDK (this
# machine has Temurin 25 under /usr/lib/jvm) to add it to the alternation; docs/benchmarks.md says why we do not ship it.
aot=()
if [ -n "${AOT_JAVA_HOME:-}" ]; then
  aot_home=$tmp/aot-home
  mkdir -p "$aot_home"
  cp "$home/kafka-aas.jar" "$home/jvm.options" "$aot_home/"
  aot_launcher=(env PATH="$AOT_JAVA_HOME/bin:$PATH" KAFKA_AAS_HOME="$aot_home" KAFKA_AAS_EXTRA_CLASSPATH="$simulation" "$tmp/kafka-aas")
  env KAFKA_AAS_JAVA_OPTS="-XX:AOTCacheOutput=$aot_home/kafka-aas.aot" "${aot_launcher[@]}" "${boot[@]}" >/dev/null 2>"$tmp/aot-training.log" ||
    { echo "bench: training the AOT cache on $AOT_JAVA_HOME failed:" >&2; tail -20 "$tmp/aot-training.log" >&2; exit 1; }
  aot=(env KAFKA_AAS_JAVA_OPTS="-XX:AOTCache=$aot_home/kafka-aas.aot" "${aot_launcher[@]}")
  echo "AOT cache (not shipped): $(du -h "$aot_home/kafka-aas.aot" | cut -f1) ($("$AOT_JAVA_HOME/bin/java" -version 2>&1 | head -1))"
fi

run_once() { # label, command...
  local label=$1; shift
  /usr/bin/time -f '%e %M %U %S' -o "$tmp/time" "$@" >"$tmp/run.json" 2>"$tmp/run.log" ||
    { echo "bench: $label failed:" >&2; cat "$tmp/run.log" >&2; exit 1; }
  # A signal re-run sends the stack signal again (changed); every other re-run must change nothing.
  if [[ "$label" != signal* && "$(jq -r .changed "$tmp/run.json")" != false ]]; then
    echo "bench: a $label re-run changed something; the runs would not do the same work" >&2; exit 1
  fi
  read -r wall kb user sys <"$tmp/time"
  echo "$wall $((kb / 1024)) $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
}

median() { sort -n | sed -n "$(((runs + 1) / 2))p"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
: >"$tmp/default"; : >"$tmp/shipped"; : >"$tmp/aot"
for _ in $(seq 1 "$runs"); do
  run_once "default JVM" "${default_jvm[@]}" "${boot[@]}" >>"$tmp/default"
  run_once "shipped launcher" "${launcher[@]}" "${boot[@]}" >>"$tmp/shipped"
  if [ ${#aot[@]} -gt 0 ]; then run_once "AOT cache" "${aot[@]}" "${boot[@]}" >>"$tmp/aot"; fi
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

report() { # label, file
  printf '%-40s wall s: %-34s median %5s   peak RSS MiB: %-24s median %4s   CPU s: %-30s median %5s\n' "$1" \
    "$(cut -d' ' -f1 "$2" | tr '\n' ' ')" "$(cut -d' ' -f1 "$2" | median)" \
    "$(cut -d' ' -f2 "$2" | tr '\n' ' ')" "$(cut -d' ' -f2 "$2" | median)" \
    "$(cut -d' ' -f3 "$2" | tr '\n' ' ')" "$(cut -d' ' -f3 "$2" | median)"
}
report "bootstrap re-run, default JVM" "$tmp/default"
report "bootstrap re-run, launcher + AppCDS" "$tmp/shipped"
awk -v dw="$(cut -d' ' -f1 "$tmp/default" | median)" -v sw="$(cut -d' ' -f1 "$tmp/shipped" | median)" \
  -v dr="$(cut -d' ' -f2 "$tmp/default" | median)" -v sr="$(cut -d' ' -f2 "$tmp/shipped" | median)" \
  -v dc="$(cut -d' ' -f3 "$tmp/default" | median)" -v sc="$(cut -d' ' -f3 "$tmp/shipped" | median)" \
  'BEGIN { printf "shipped / default (medians): wall %.2f, peak RSS %.2f, CPU %.2f (target: <= 1.0 s and <= 128 MiB on a quiet machine)\n", sw / dw, sr / dr, sc / dc }'
if [ ${#aot[@]} -gt 0 ]; then
  report "bootstrap re-run, AOT cache (not shipped)" "$tmp/aot"
  awk -v dw="$(cut -d' ' -f1 "$tmp/default" | median)" -v aw="$(cut -d' ' -f1 "$tmp/aot" | median)" \
    -v sw="$(cut -d' ' -f1 "$tmp/shipped" | median)" 'BEGIN { printf "AOT cache / default: wall %.2f; AOT cache / shipped: wall %.2f\n", aw / dw, aw / sw }'
fi

# The boot's later helper calls: each with its own archive (the launcher's choice) against the bootstrap archive
# (the same launcher, kafka-aas.jsa forced after its flags: the last -XX:SharedArchiveFile wins).
bootstrap_archive=(env "KAFKA_AAS_JAVA_OPTS=-XX:SharedArchiveFile=$home/kafka-aas.jsa")
kafka=$tmp/kafka
port=$(free_port)
controller_port=$(free_port)
mkdir -p "$kafka/etc/kafka" "$kafka/data"
printf '%s\n' process.roles=broker,controller node.id=0 "controller.quorum.voters=0@127.0.0.1:$controller_port" \
  "listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port" "advertised.listeners=PLAINTEXT://127.0.0.1:$port" \
  inter.broker.listener.name=PLAINTEXT controller.listener.names=CONTROLLER listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT \
  "log.dirs=$kafka/data" offsets.topic.replication.factor=1 >"$kafka/etc/kafka/server.properties"
java -cp "$kraft_libs/*" kafka.tools.StorageTool format -t "$(java -cp "$kraft_libs/*" kafka.tools.StorageTool random-uuid 2>/dev/null)" \
  -c "$kafka/etc/kafka/server.properties" >"$tmp/kafka-format.log" 2>&1 || { cat "$tmp/kafka-format.log" >&2; exit 1; }
java -Xms256m -Xmx256m -cp "$kraft_libs/*" kafka.Kafka "$kafka/etc/kafka/server.properties" >"$tmp/kafka.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 1500); do
  (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "${pids[-1]}" 2>/dev/null || { echo "bench: the KRaft broker exited:" >&2; tail -30 "$tmp/kafka.log" >&2; exit 1; }
  sleep 0.2
done
java -cp "$jar" io.kafkaaas.cli.AppCdsTraining --create-topic "127.0.0.1:$port" bench >"$tmp/topic.log" 2>&1 ||
  { echo "bench: cannot create the topic:" >&2; cat "$tmp/topic.log" >&2; exit 1; }
wait_healthy=(wait-healthy --root "$kafka" --timeout 120 --connect-timeout 120 --output json)
signal=(signal --success --ec2-endpoint "$ec2" --imds-endpoint "$imds" --autoscaling-endpoint "$ec2" --cloudformation-endpoint "$ec2" --output json)
# The first signal completes the launch hook; the measured ones are re-runs that find it completed.
"${launcher[@]}" "${signal[@]}" >/dev/null 2>"$tmp/signal.log" || { echo "bench: the first signal failed:" >&2; cat "$tmp/signal.log" >&2; exit 1; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$tmp/wait-own"; : >"$tmp/wait-boot"; : >"$tmp/signal-own"; : >"$tmp/signal-boot"
for _ in $(seq 1 "$runs"); do
  run_once "wait-healthy, its own archive" "${launcher[@]}" "${wait_healthy[@]}" >>"$tmp/wait-own"
  run_once "wait-healthy, the bootstrap archive" "${bootstrap_archive[@]}" "${launcher[@]}" "${wait_healthy[@]}" >>"$tmp/wait-boot"
  run_once "signal, its own archive" "${launcher[@]}" "${signal[@]}" >>"$tmp/signal-own"
  run_once "signal, the bootstrap archive" "${bootstrap_archive[@]}" "${launcher[@]}" "${signal[@]}" >>"$tmp/signal-boot"
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
report "wait-healthy, appcds/wait-healthy.jsa" "$tmp/wait-own"
report "wait-healthy, kafka-aas.jsa (bootstrap)" "$tmp/wait-boot"
report "signal --success, appcds/signal.jsa" "$tmp/signal-own"
report "signal --success, kafka-aas.jsa" "$tmp/signal-boot"
