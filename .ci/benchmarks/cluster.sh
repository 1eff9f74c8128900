#!/usr/bin/env bash
# The packaged server as a cluster on the machine's PostgreSQL (docs/benchmarks.md):
#   failover          kill -9 of one of two nodes during the demo plan's dispatch
#   worker-failover   kill -9 of a standalone worker holding agent tasks [LEADS]
#   load              leads through sales-operations on 1 and on 2 nodes [LEADS] [THREADS]
#                     (PIN_CORES=true: node N runs on core N-1 only, with taskset)
# Usage: .ci/benchmarks/cluster.sh MODE [ARGS]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath"
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.smartops.server.ClusterBenchmark "$@"
