#!/usr/bin/env bash
# Optimizer benchmark (docs/benchmarks.md): backends side by side against size, and the siloed uplift.
# Usage: .ci/benchmarks/plan.sh [TIME_LIMIT_SECONDS [SIZES_TO_SKIP [uplift|no-uplift [BACKEND]]]]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath"
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.smartops.plan.PlanBenchmark "${1:-60}" "${@:2}" 2> >(grep -v -E '^(WARNING|E0000)' >&2)
