#!/usr/bin/env bash
# Agent runtime benchmark (docs/benchmarks.md): throughput and pick-up latency of agent tasks,
# Smart Ops routing (over REST and in-server) against plain Camunda external tasks, with 1 and 4 worker threads.
# Usage: .ci/benchmarks/agents.sh [TASKS_PER_RUN] [h2|postgres]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath"
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.smartops.agent.AgentThroughputBenchmark "${1:-400}" "${2:-h2}"
