#!/usr/bin/env bash
# Claim contention benchmark: N instances claim N broker ids at the same moment against one real
# ZooKeeper (Curator's TestingServer); prints time until all hold an id and ZooKeeper operations per claim.
# Usage: bench/claim-contention.sh [SIZES] [ROUNDS]   e.g. bench/claim-contention.sh 4,16,64 5
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-4,16,64}
rounds=${2:-5}
./mvnw -B -q test-compile -pl java-helper -am
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
./mvnw -B -q dependency:build-classpath -pl java-helper -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
java -cp "java-helper/target/test-classes:java-helper/target/classes:$(cat "$classpath_file")" \
  io.kafkaaas.bench.ClaimContentionBenchmark "$sizes" "$rounds"
