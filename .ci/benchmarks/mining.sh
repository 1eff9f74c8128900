#!/usr/bin/env bash
# Process-mining benchmark (docs/benchmarks.md): loads a large sales-operations history into a fresh
# database, exports its event log in each format and checks conformance, each timed with its peak heap.
# Usage: [HEAP=256m] .ci/benchmarks/mining.sh h2|postgres [INSTANCES]   e.g. HEAP=256m .ci/benchmarks/mining.sh postgres 160000
# (HEAP caps the JVM's heap, 2g unless set: an export that holds the log in memory fails under a small cap)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath"
exec java -Xmx"${HEAP:-2g}" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.smartops.insight.MiningBenchmark "$@"
