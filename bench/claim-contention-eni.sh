#!/usr/bin/env bash
# ENI claim contention benchmark: N instances over three AZs claim N broker ids at the same moment with the ENI claim
# store (attaching the ENI is the claim), through the helper's real SDK adapters against the local cloud's EC2 API.
# Prints the time until all hold an id and the EC2 requests per claim, for a first boot and a replacement wave.
# Usage: bench/claim-contention-eni.sh [SIZES] [ROUNDS]   e.g. bench/claim-contention-eni.sh 4,16,64,256 3
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-4,16,64}
rounds=${2:-3}
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
# One reactor run compiles the three modules and writes the simulation's test class path (its last module).
./mvnw -B -q test-compile dependency:build-classpath -pl simulation -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath_file"
java -cp "simulation/target/test-classes:simulation/target/classes:$(cat "$classpath_file")" \
  io.kafkaaas.bench.EniClaimContentionBenchmark "$sizes" "$rounds"
