#!/usr/bin/env bash
# History-digest cost benchmark (docs/benchmarks.md): engine throughput with the insights' history
# digest on against off, alternating runs on a fresh database each.
# Usage: .ci/benchmarks/digest-cost.sh h2|postgres [INSTANCES] [THREADS] [ROUNDS] [INTERVAL]   e.g. .ci/benchmarks/digest-cost.sh h2 3000 4 5
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath"
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.smartops.insight.DigestCostBenchmark "$@"
