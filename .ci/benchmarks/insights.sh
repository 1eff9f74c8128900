#!/usr/bin/env bash
# Process-insight benchmark (docs/benchmarks.md): loads a large sales-operations history into a fresh
# database and times GET /smartops/api/insights/processes/sales-operations.
# Usage: .ci/benchmarks/insights.sh h2|postgres [INSTANCES] [REQUESTS] [digest|raw]   e.g. .ci/benchmarks/insights.sh postgres 160000 20 digest
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath"
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.smartops.insight.InsightBenchmark "$@"
