#!/usr/bin/env bash
# Benchmark 1: replacing a broker with its old volume reattached (the design) versus a fresh empty volume
# (what you get without volume reuse), on the same data set. For each mode it runs the simulation and
# prints the bytes the replacement fetched from its peers and the seconds until it was back in every ISR.
#
# Catch-up replication is capped at THROTTLE MiB/s (Kafka's replication throttle) to stand in for a real
# network or EBS volume; on loopback with no cap both modes catch up in about the same time.
#
# usage: bench/replacement-volume.sh [RECORDS] [RECORDS_WHILE_DOWN] [RECORD_SIZE] [RUNS] [THROTTLE]
# Build first: ./mvnw -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."

records=${1:-100000}
while_down=${2:-10000}
size=${3:-1024}
runs=${4:-1}
throttle=${5:-10}
jar=simulation/target/kafka-aas-simulation.jar

command -v jq >/dev/null || { echo "bench: jq is needed (apt-get install jq)" >&2; exit 2; }
[ -f "$jar" ] || { echo "bench: $jar is missing; run ./mvnw -B -q package -DskipTests first" >&2; exit 2; }

results=bench/results
mkdir -p "$results"
echo "data set: $records records of $size B, then $while_down more while the broker is down; 3 brokers, replication factor 3, catch-up capped at $throttle MiB/s (0 = none)"
printf '%-10s %4s %22s %18s %20s %10s\n' mode run "volume at boot (MiB)" "fetched (MiB)" "back in ISR (s)" "URP"
for mode in reattach fresh; do
  for run in $(seq 1 "$runs"); do
    out="$results/replacement-$mode-$run.json"
    log="$results/replacement-$mode-$run.log"
    # simulate makes and deletes its own temporary workdir; its timeline goes to the log.
    if ! java -jar "$jar" simulate --brokers 3 --replacements 1 \
      --records "$records" --records-while-down "$while_down" --record-size "$size" \
      --replacement-volume "$mode" --replication-throttle "$throttle" --output json >"$out" 2>"$log"; then
      echo "bench: the $mode run failed: $(grep '^kafka-aas:' "$log" || tail -1 "$log")" >&2
      exit 1
    fi
    jq -r --arg mode "$mode" --arg run "$run" '.replacements[0] as $r |
      [$mode, $run, ($r.bytesOnVolumeAtBoot / 1048576 * 10 | round / 10), ($r.bytesFetchedFromPeers / 1048576 * 10 | round / 10),
       $r.secondsToInSync, .underReplicatedPartitions] | @tsv' "$out" |
      while IFS=$'\t' read -r m r vol fetched secs urp; do
        printf '%-10s %4s %22s %18s %20s %10s\n' "$m" "$r" "$vol" "$fetched" "$secs" "$urp"
      done
  done
done
