#!/usr/bin/env bash
# Sense → respond benchmark (docs/benchmarks.md): event received → re-plan diff dispatched, p50/p95,
# on the demo and a generated 30x4x25x6x3 network; stable against unconstrained re-plan margins.
# Usage: .ci/benchmarks/sense.sh [DEMO_SAMPLES] [LARGE_SAMPLES]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.smartops.sense.ReplanBenchmark "$@"
