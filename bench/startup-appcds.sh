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
#
# usage: bench/startup-appcds.sh [RUNS]
# Build first: ./mvnw -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-5}
jar=$PWD/java-helper/target/kafka-aas.jar
# The simulation jar: the local cloud, and the storage platform behind --local-volumes (directories as disks).
simulation=$PWD/simulation/target/kafka-aas-simulation.jar
libs=$PWD/simulation-kafka/target/kafka-libs
if [ ! -f "$jar" ] || [ ! -f "$simulation" ] || [ ! -d "$libs" ]; then
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

# A local cloud with one instance, and a ZooKeeper from the simulation's Kafka classpath.
java -jar "$simulation" local-cloud --workdir "$tmp/cloud" --brokers 3 --instances 1 --output json >"$tmp/cloud.json" 2>"$tmp/cloud.log" &
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
  bash packer/scripts/40-appcds.sh >"$tmp/appcds.log" 2>&1 ||
  { echo "bench: packer/scripts/40-appcds.sh failed:" >&2; cat "$tmp/appcds.log" >&2; exit 1; }
tail -1 "$tmp/appcds.log"
echo "AppCDS archive: $(du -h "$home/kafka-aas.jsa" | cut -f1) ($(java -version 2>&1 | head -1)); launcher flags: $(grep -v '^#' "$home/jvm.options" | tr '\n' ' ')"

run_once() { # label, command...
  local label=$1; shift
  /usr/bin/time -f '%e %M %U %S' -o "$tmp/time" "$@" "${boot[@]}" >"$tmp/run.json" 2>"$tmp/run.log" ||
    { echo "bench: $label failed:" >&2; cat "$tmp/run.log" >&2; exit 1; }
  if [ "$(jq -r .changed "$tmp/run.json")" != false ]; then
    echo "bench: a $label re-run changed something; the runs would not do the same work" >&2; exit 1
  fi
  read -r wall kb user sys <"$tmp/time"
  echo "$wall $((kb / 1024)) $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
}

median() { sort -n | sed -n "$(((runs + 1) / 2))p"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
: >"$tmp/default"; : >"$tmp/shipped"
for _ in $(seq 1 "$runs"); do
  run_once "default JVM" "${default_jvm[@]}" >>"$tmp/default"
  run_once "shipped launcher" "${launcher[@]}" >>"$tmp/shipped"
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
