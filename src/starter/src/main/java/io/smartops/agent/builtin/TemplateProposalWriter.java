package io.smartops.agent.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentOutput;

/**
 * The deterministic proposal writer: fills {@code prompts/proposal-template.txt} with the lead's
 * fields. The selector uses it whenever no LLM is configured.
 */
public final class TemplateProposalWriter implements AgentHandler {

	public static final String ID = "proposal-drafting-template";

	private final String template;

	public TemplateProposalWriter() {
		try (InputStream in = TemplateProposalWriter.class.getResourceAsStream("/io/smartops/prompts/proposal-template.txt")) {
			this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException | NullPointerException e) {
			throw new IllegalStateException("prompts/proposal-template.txt cannot be read", e);
		}
	}

	@Override
	public String agentId() {
		return ID;
	}

	@Override
	public List<String> inputs() {
		return List.of("contactName", "companyName", "industry", "employees", "territory");
	}

	@Override
	public AgentOutput handle(Map<String, Object> in) {
		String text = template;
		for (String field : inputs()) {
			Object value = in.get(field);
			text = text.replace("{" + field + "}", value == null ? fallback(field) : value.toString());
		}
		return new AgentOutput(Map.of("proposal", text), 1.0);
	}

	private static String fallback(String field) {
		return switch (field) {
			case "employees" -> "an unknown number of";
			case "industry" -> "growing";
			default -> "your team";
		};
	}
}
