#!/usr/bin/env bash
# Benchmark 3: terminate to back-in-every-ISR, the simulation's own figure (from its timeline: the instance
# terminated, the group's replacement booted through bootstrap, Kafka and wait-healthy), for two builds side by
# side: BEFORE (another checkout, for example a worktree of main, built with ./mvnw -B -q package -DskipTests) and
# this checkout. Runs alternate, so load hits both alike; it prints each run's figure with the load average at its
# start, the boot's steps (the replacement's bootstrap and wait-healthy, Kafka start to in sync), and the medians.
# The default data set (simulate's defaults: 3 brokers, 20000 records of 1 KiB, 5000 more while down).
#
# usage: bench/replacement-time.sh BEFORE_CHECKOUT [RUNS] [KAFKA_PORT]
set -euo pipefail
cd "$(dirname "$0")/.."

before=${1:?usage: bench/replacement-time.sh BEFORE_CHECKOUT [RUNS] [KAFKA_PORT]}
runs=${2:-3}
port=${3:-9092}
command -v jq >/dev/null || { echo "bench: jq is needed (apt-get install jq)" >&2; exit 2; }
for checkout in "$before" "$PWD"; do
  [ -f "$checkout/simulation/target/kafka-aas-simulation.jar" ] ||
    { echo "bench: $checkout/simulation/target/kafka-aas-simulation.jar is missing; build it first" >&2; exit 2; }
done

results=bench/results
mkdir -p "$results"
echo "java: $(java -version 2>&1 | head -1); $(nproc) cores; before: $before ($(git -C "$before" rev-parse --short HEAD 2>/dev/null || echo '?')); after: $PWD ($(git rev-parse --short HEAD))"
printf '%-7s %4s %-16s %14s %14s %12s %14s\n' build run "load at start" "terminate->ISR" "Kafka->ISR" "bootstrap" "wait-healthy"
: >"$results/replacement-time-before"; : >"$results/replacement-time-after"
for run in $(seq 1 "$runs"); do
  for build in before after; do
    checkout=$before; [ "$build" = after ] && checkout=$PWD
    out="$results/replacement-time-$build-$run.json"
    log="$results/replacement-time-$build-$run.log"
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    if ! java -jar "$checkout/simulation/target/kafka-aas-simulation.jar" simulate --kafka-port "$port" --output json >"$out" 2>"$log"; then
      echo "bench: the $build run failed: $(grep '^kafka-aas:' "$log" || tail -1 "$log")" >&2
      exit 1
    fi
    jq -r '.replacements[0] as $r | (.boots | last | .steps) as $s |
      [$r.secondsFromTerminateToInSync, $r.secondsToInSync,
       ($s[] | select(.step == "bootstrap") | .seconds), ($s[] | select(.step == "wait-healthy") | .seconds)] | @tsv' "$out" |
      while IFS=$'\t' read -r total kafka bootstrap healthy; do
        printf '%-7s %4s %-16s %14s %14s %12s %14s\n' "$build" "$run" "$load" "$total" "$kafka" "$bootstrap" "$healthy"
        echo "$total" >>"$results/replacement-time-$build"
      done
  done
done
median() { sort -n "$1" | sed -n "$(((runs + 1) / 2))p"; }
echo "median terminate->ISR: before $(median "$results/replacement-time-before") s, after $(median "$results/replacement-time-after") s (target: <= 6 s on a quiet machine); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
