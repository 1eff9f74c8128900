package io.smartops.agent.builtin;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentOutput;

/**
 * The deterministic summariser: a one-paragraph brief of a lead for its reviewer from its fields
 * and the first sentence of the draft proposal. The selector uses it when no LLM is configured,
 * and the LLM summariser falls back to it.
 */
public final class ExtractiveSummariser implements AgentHandler {

	public static final String ID = "summarisation-extractive";

	static final int MAX_LENGTH = 600;

	@Override
	public String agentId() {
		return ID;
	}

	@Override
	public List<String> inputs() {
		return List.of("companyName", "industry", "employees", "leadScore", "proposal");
	}

	@Override
	public AgentOutput handle(Map<String, Object> in) {
		StringBuilder s = new StringBuilder();
		s.append(in.getOrDefault("companyName", "An unnamed company"));
		Object industry = in.get("industry");
		Object employees = in.get("employees");
		if (industry != null || employees != null) {
			s.append(" (").append(industry == null ? "industry unknown" : industry);
			s.append(employees == null ? "" : ", " + employees + " employees").append(')');
		}
		if (in.get("leadScore") instanceof Number score) {
			s.append(String.format(Locale.ROOT, " scored %.2f", score.doubleValue()));
		}
		s.append('.');
		if (in.get("proposal") instanceof String proposal && !proposal.isBlank()) {
			s.append(" Proposal: ").append(firstSentence(proposal));
		}
		String summary = s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH - 1) + "…" : s.toString();
		return new AgentOutput(Map.of("leadSummary", summary), 0.6);
	}

	private static String firstSentence(String text) {
		String flat = text.replaceAll("\\s+", " ").strip();
		int greeting = flat.indexOf(',');
		if (flat.startsWith("Dear ") && greeting > 0) {
			flat = flat.substring(greeting + 1).strip();
		}
		int end = flat.indexOf(". ");
		return end < 0 ? flat : flat.substring(0, end + 1);
	}
}
