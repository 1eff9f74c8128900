#!/usr/bin/env bash
# Sense → respond benchmark (docs/benchmarks.md): event received → re-plan diff dispatched, p50/p95,
# on the demo and a generated 30x4x25x6x3 network (one JVM each); stable against unconstrained margins.
# Usage: .ci/benchmarks/sense.sh [DEMO_SAMPLES] [LARGE_SAMPLES]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath"
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
java -cp "$cp" io.smartops.sense.ReplanBenchmark demo "${1:-20}"
if [ "${2:-3}" != "0" ]; then
  java -cp "$cp" io.smartops.sense.ReplanBenchmark large "${2:-3}"
fi
