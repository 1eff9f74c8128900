#!/usr/bin/env bash
# Coordinator benchmark (docs/benchmarks.md): start → every action dispatched, by stage, on the
# demo and on a generated 30x4x25x6x3 network (one JVM each), and the margin of each
# sphere-of-optionality setting on the demo.
# Usage: .ci/benchmarks/coordinator.sh [DEMO_RUNS] [no-large]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath"
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
java -cp "$cp" io.smartops.coordinate.CoordinatorBenchmark demo "${1:-5}"
if [ "${2:-}" != "no-large" ]; then
  java -cp "$cp" io.smartops.coordinate.CoordinatorBenchmark large
fi
