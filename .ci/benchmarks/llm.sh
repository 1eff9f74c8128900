#!/usr/bin/env bash
# What a declared LLM agent adds to a model call (docs/benchmarks.md): the shipped proposal writer against
# Spring AI's ChatClient alone, both against a local server speaking OpenAI's protocol; and the guardrails alone.
# Usage: .ci/benchmarks/llm.sh [CALLS]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath"
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.smartops.agent.llm.LlmAgentOverheadBenchmark "${1:-2000}"
