#!/usr/bin/env bash
# Shadow-run cost benchmark (docs/benchmarks.md): the incumbent's throughput on routed agent tasks
# with a shadow agent of the capability against the same run without one, 1 and 4 worker threads.
# Usage: .ci/benchmarks/shadow.sh [TASKS_PER_RUN] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath"
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.smartops.agent.ShadowCostBenchmark "${1:-400}" "${2:-3}"
