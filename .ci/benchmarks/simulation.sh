#!/usr/bin/env bash
# Process-simulation benchmark (docs/benchmarks.md): queueing-theory checks, backtests on a generated
# and on the demo's history, and the speed of simulating sales-operations at several sizes.
# Usage: .ci/benchmarks/simulation.sh [DAYS] [SIZES...]   e.g. .ci/benchmarks/simulation.sh 56 1000 10000 100000
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath"
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.smartops.simulate.SimulationBenchmark "$@"
