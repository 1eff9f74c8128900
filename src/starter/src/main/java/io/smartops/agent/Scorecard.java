package io.smartops.agent;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an agent has done, aggregated from its call records (or, for a wrapped automation, from
 * the recorded executions of its task): calls by outcome, latency percentiles, cost, tokens, how
 * often people accepted its output unchanged, and its own measured evaluation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scorecard(String agentId, String capability, String version, AgentKind kind, AgentStatus status,
		boolean available, boolean circuitOpen, double quality, double registeredQuality, double qualityEvidence,
		Double qualityLow, Double qualityHigh, long shadowCalls, Map<String, Long> validity, Map<String, Long> groundTruth,
		long rejected, long calls, Map<String, Long> outcomes, Double successRate,
		Long latencyP50Millis, Long latencyP95Millis, Double meanLatencyMillis, double totalCost, Double meanCost,
		long tokens, long accepted, long edited, Double acceptanceRate, String evaluation, Llm llm) {

	/**
	 * A declared LLM agent's own figures: tokens by type, how its structured output was asked for,
	 * what its guardrails redacted and caught, and its quality judged by an evaluator and by people,
	 * apart. For an evaluator: its agreement with people.
	 *
	 * @param structuredOutput calls by route ({@code native}, {@code prompt})
	 * @param guardrails breaches by kind ({@code INJECTION}, {@code OUTPUT_DENIED}, {@code OUTPUT_LEAK}, ...)
	 * @param judged calls an evaluator scored
	 * @param judgedQuality their mean score
	 * @param judgeCounted whether those scores count in measured quality (their evaluator is trusted)
	 * @param humanVerified calls a person judged
	 * @param humanQuality the mean of those verdicts (accepted 1, edited ½, rejected 0)
	 * @param agreement an evaluator's agreement with people (Cohen's kappa and its count)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Llm(long inputTokens, long outputTokens, long cachedTokens, Map<String, Long> structuredOutput,
			long redactions, Map<String, Long> guardrails, long judged, Double judgedQuality, Boolean judgeCounted,
			long humanVerified, Double humanQuality, JudgeAgreement agreement) {
	}

	/** The same scorecard with an LLM agent's figures. */
	Scorecard with(Llm figures) {
		return new Scorecard(agentId, capability, version, kind, status, available, circuitOpen, quality, registeredQuality,
				qualityEvidence, qualityLow, qualityHigh, shadowCalls, validity, groundTruth, rejected, calls, outcomes,
				successRate, latencyP50Millis, latencyP95Millis, meanLatencyMillis, totalCost, meanCost, tokens, accepted,
				edited, acceptanceRate, evaluation, figures);
	}

	/** One call or run as the scorecard counts it. */
	record Sample(String outcome, long latencyMillis, double cost, long tokens, AgentCall.Feedback feedback,
			boolean shadow, AgentCall.Validity validity, AgentCall.Truth truth) {

		Sample(String outcome, long latencyMillis, double cost, long tokens, AgentCall.Feedback feedback) {
			this(outcome, latencyMillis, cost, tokens, feedback, false, null, null);
		}
	}

	static Scorecard of(Agent agent, boolean circuitOpen, List<Sample> samples) {
		Map<String, Long> outcomes = new java.util.TreeMap<>();
		samples.forEach(s -> outcomes.merge(s.outcome(), 1L, Long::sum));
		long calls = samples.size();
		long succeeded = samples.stream()
			.filter(s -> s.outcome().equals("COMPLETED") || s.outcome().equals("FALLBACK")
					|| s.outcome().equals("BPMN_ERROR") || s.outcome().equals("LOW_CONFIDENCE"))
			.count();
		long[] latencies = samples.stream().mapToLong(Sample::latencyMillis).sorted().toArray();
		double cost = samples.stream().mapToDouble(Sample::cost).sum();
		long tokens = samples.stream().mapToLong(Sample::tokens).sum();
		long accepted = samples.stream().filter(s -> s.feedback() == AgentCall.Feedback.ACCEPTED).count();
		long edited = samples.stream().filter(s -> s.feedback() == AgentCall.Feedback.EDITED).count();
		long rejected = samples.stream().filter(s -> s.feedback() == AgentCall.Feedback.REJECTED).count();
		Map<String, Long> validity = new java.util.TreeMap<>();
		samples.stream().filter(s -> s.validity() != null).forEach(s -> validity.merge(s.validity().name(), 1L, Long::sum));
		Map<String, Long> truth = new java.util.TreeMap<>();
		samples.stream().filter(s -> s.truth() != null).forEach(s -> truth.merge(s.truth().name(), 1L, Long::sum));
		return new Scorecard(agent.getId(), agent.getCapability(), agent.getVersion(), agent.getKind(), agent.getStatus(),
				agent.isAvailable(), circuitOpen, round(agent.effectiveQuality()), agent.getQuality(),
				agent.getQualityEvidence(), agent.getQualityLow(), agent.getQualityHigh(),
				samples.stream().filter(Sample::shadow).count(), validity, truth, rejected, calls, outcomes,
				calls == 0 ? null : round((double) succeeded / calls), percentile(latencies, 50), percentile(latencies, 95),
				calls == 0 ? null : round(Arrays.stream(latencies).average().orElse(0)), round(cost),
				calls == 0 ? null : round(cost / calls), tokens, accepted, edited,
				accepted + edited + rejected == 0 ? null : round((double) accepted / (accepted + edited + rejected)),
				agent.getEvaluation(), null);
	}

	/** Nearest-rank percentile: the smallest value with at least p% of the sorted sample at or below it; null for none. */
	public static Long percentile(long[] sorted, int p) {
		if (sorted.length == 0) {
			return null;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

	static double round(double v) {
		return Math.round(v * 1_000_000) / 1_000_000.0;
	}
}
