package io.smartops.agent.builtin;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentOutput;

/**
 * The rules-based lead scorer: company size, industry fit and lead source add up to a score in
 * [0, 1]. Deterministic and cheap; the confidence reflects how many of the signals were known.
 */
public final class RulesLeadScorer implements AgentHandler {

	public static final String ID = "lead-scoring-rules";

	private static final Set<String> CORE_INDUSTRIES = Set.of("Manufacturing", "Aerospace", "Robotics", "Chemicals",
			"Pharmaceuticals", "Technology", "Software", "Conglomerate", "Trading");

	@Override
	public String agentId() {
		return ID;
	}

	@Override
	public List<String> inputs() {
		return List.of("employees", "industry", "source");
	}

	@Override
	public AgentOutput handle(Map<String, Object> in) {
		double score = 0.1;
		int known = 0;
		if (in.get("employees") instanceof Number n) {
			known++;
			long e = n.longValue();
			score += e >= 5000 ? 0.4 : e >= 1000 ? 0.3 : e >= 100 ? 0.2 : 0.05;
		}
		if (in.get("industry") instanceof String industry && !industry.isBlank() && !industry.equals("Unknown")) {
			known++;
			score += CORE_INDUSTRIES.contains(industry) ? 0.3 : 0.1;
		}
		if (in.get("source") instanceof String source) {
			known++;
			score += switch (source) {
				case "referral", "partner" -> 0.2;
				case "event", "web" -> 0.1;
				default -> 0.05;
			};
		}
		double rounded = Math.round(Math.min(1.0, score) * 100) / 100.0;
		return new AgentOutput(Map.of("leadScore", rounded), Math.round(100.0 * (0.4 + 0.2 * known)) / 100.0);
	}
}
