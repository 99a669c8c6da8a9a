#!/usr/bin/env bash
# Benchmark 2: the helper's start-up and the boot command, kafka-aas bootstrap (IMDSv2, EC2, ZooKeeper,
# the volume and render, against the local cloud), with and without an AppCDS archive. It prints wall time
# and peak RSS (GNU time) per run and their medians. The archive is trained on a first boot (claim, attach,
# format, mount, render); the measured bootstrap runs are re-runs on the booted instance, which load the
# same classes and make every check but change nothing, so each run does the same work.
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
  --interface-timeout 0 --kafka-group root --jmx-port 0)

# The production jar's own Main; the simulation jar only adds the storage platform --local-volumes needs.
# --version runs the same way, so both measurements use one class path and one archive.
helper=(-cp "$jar:$simulation" io.kafkaaas.cli.Main)

# Training run, a first boot: the classes it loads go into the archive when the JVM exits.
archive=$tmp/kafka-aas.jsa
# JVM warnings go to stdout by default; stdout must stay one JSON object.
java -XX:ArchiveClassesAtExit="$archive" -Xlog:disable -Xlog:all=warning:stderr "${helper[@]}" "${boot[@]}" >"$tmp/train.json" 2>"$tmp/train.log" ||
  { echo "bench: the training bootstrap failed:" >&2; cat "$tmp/train.log" >&2; exit 1; }
echo "first boot (training run): $(jq -c .timings "$tmp/train.json") ms"
echo "AppCDS archive: $(du -h "$archive" | cut -f1) ($(java -version 2>&1 | head -1))"

measure() { # label, java options..., -- command args...
  local label=$1; shift
  local opts=()
  while [ "$1" != "--" ]; do opts+=("$1"); shift; done
  shift
  local walls=() rss=()
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f '%e %M' -o "$tmp/time" java "${opts[@]}" "${helper[@]}" "$@" >/dev/null 2>"$tmp/run.log" ||
      { echo "bench: $label failed:" >&2; cat "$tmp/run.log" >&2; exit 1; }
    read -r wall kb <"$tmp/time"
    walls+=("$wall"); rss+=("$((kb / 1024))")
  done
  printf '%-26s %-10s wall s: %-26s median %5s   peak RSS MiB: %-20s median %4s\n' "$label" "$1" \
    "${walls[*]}" "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")" \
    "${rss[*]}" "$(printf '%s\n' "${rss[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")"
}

measure "default CDS (JDK classes)" -Xshare:auto -- --version
measure "AppCDS archive" -XX:SharedArchiveFile="$archive" -- --version
measure "default CDS (JDK classes)" -Xshare:auto -- "${boot[@]}"
measure "AppCDS archive" -XX:SharedArchiveFile="$archive" -- "${boot[@]}"
