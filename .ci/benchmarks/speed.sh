#!/usr/bin/env bash
# Speed of the packaged server (docs/benchmarks.md):
#   start                        first answer on a fresh demo database and on a restart, java -jar and extracted + CDS
#   leads h2|postgres [IDLE] [RATES]   a lead's automated part end to end, agent pick-up and POST, idle then at rates (leads/s)
# Usage: .ci/benchmarks/speed.sh start    |    .ci/benchmarks/speed.sh leads h2 40 5,10,20
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath"
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.smartops.server.SpeedBenchmark "$@"
