#!/usr/bin/env bash
# Durable commits on H2 (docs/benchmarks.md): leads per second and POST /leads latency with H2's default
# 500 ms write delay against WRITE_DELAY=0, side by side, two rounds each.
# Usage: .ci/benchmarks/durability.sh [LEADS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath"
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.smartops.server.DurabilityBenchmark \
  "${1:-400}" "${2:-4}"
