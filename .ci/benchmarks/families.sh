#!/usr/bin/env bash
# Optimizer benchmark across scenario families (docs/benchmarks.md): the default backend against CBC,
# HiGHS and SCIP to a proven optimum, with the median and worst ratio to CBC.
# Usage: .ci/benchmarks/families.sh TIME_LIMIT_SECONDS SEEDS SIZE FAMILY... [--backends auto,cbc,highs,scip]
#   e.g. .ci/benchmarks/families.sh 120 1-3 30x4x25x6x3 many-suppliers long-lead-times tight-co2 many-carriers sparse-lanes
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath"
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.smartops.plan.FamilyBenchmark "$@" \
	2> >(grep -v -E '^(WARNING|E0000)' >&2)
