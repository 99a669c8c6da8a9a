#!/usr/bin/env bash
# Benchmark: FormatGuard's zero check (the first 64 MiB, the first MiB of every GiB and the last MiB) on a
# large sparse loop device, as on a new EBS volume, which reads as zeros. Prints seconds per check and per TiB.
# A sparse file costs no disk: its holes read as zeros without any I/O, so this measures the helper and the
# kernel's read path; on EBS add the volume's throughput (about 1.1 GiB per TiB is read).
#
# usage: sudo bench/zero-check.sh [SIZE] [ROUNDS] [DIR]   e.g. sudo bench/zero-check.sh 1T 5 /var/tmp
# Root only (losetup).
set -euo pipefail
cd "$(dirname "$0")/.."

size=${1:-1T}
rounds=${2:-5}
dir=${3:-/var/tmp}
[ "$(id -u)" = 0 ] || { echo "bench: run as root (it makes a loop device)" >&2; exit 2; }

image=$(mktemp "$dir/kafka-aas-zero-check.XXXXXX")
device=""
cleanup() {
  if [ -n "$device" ]; then losetup --detach "$device"; fi
  rm -f "$image"
}
trap cleanup EXIT
truncate -s "$size" "$image"
device=$(losetup --find --show "$image")

./mvnw -B -q test-compile -pl java-helper -am
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"; cleanup' EXIT
./mvnw -B -q dependency:build-classpath -pl java-helper -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
java -cp "java-helper/target/test-classes:java-helper/target/classes:$(cat "$classpath_file")" \
  io.kafkaaas.bench.ZeroCheckBenchmark "$device" "$rounds"
