#!/usr/bin/env bash
# Measures what the AppCDS archive built at bake time (packer/scripts/40-appcds.sh) saves on each helper call:
# wall time of `kafka-aas signal --failure` against a closed port (it builds the EC2, Auto Scaling and
# CloudFormation clients, then fails fast), RUNS times without and with -XX:SharedArchiveFile.
#   bench/appcds-startup.sh [RUNS]          (needs java-helper/target/kafka-aas.jar: ./mvnw -B package)
# Results go to bench/results/appcds-startup.txt.
set -euo pipefail

cd "$(dirname "$0")/.."
readonly RUNS=${1:-10}
readonly JAR=java-helper/target/kafka-aas.jar
WORK=$(mktemp -d)
readonly WORK
trap 'rm -rf "$WORK"' EXIT
mkdir -p bench/results

cp "$JAR" "$WORK/kafka-aas.jar"
command_args=(signal --failure --instance-id i-0appcds --availability-zone us-east-1a --region us-east-1
  --ec2-endpoint http://127.0.0.1:9 --autoscaling-endpoint http://127.0.0.1:9
  --cloudformation-endpoint http://127.0.0.1:9 --aws-max-attempts 1)
java_common=(-XX:TieredStopAtLevel=1 -Xlog:cds=off -Xlog:cds+dynamic=off -Daws.accessKeyId=bench -Daws.secretAccessKey=bench)

java "${java_common[@]}" -XX:ArchiveClassesAtExit="$WORK/kafka-aas.jsa" -jar "$WORK/kafka-aas.jar" "${command_args[@]}" \
  >/dev/null 2>&1 || true

# Mean wall time in milliseconds of RUNS runs of java with the given extra options.
measure() {
  local total=0 start end i
  for ((i = 0; i < RUNS; i++)); do
    start=$(date +%s%N)
    java "${java_common[@]}" "$@" -jar "$WORK/kafka-aas.jar" "${command_args[@]}" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    total=$((total + (end - start) / 1000000))
  done
  echo $((total / RUNS))
}

without=$(measure -Xshare:auto)
with=$(measure -Xshare:auto -XX:SharedArchiveFile="$WORK/kafka-aas.jsa")
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  runs: $RUNS  java: $(java -version 2>&1 | head -1)"
  echo "kafka-aas signal (client setup, fails fast): without AppCDS ${without} ms, with AppCDS ${with} ms"
} | tee bench/results/appcds-startup.txt
