package io.smartops.agent.llm;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.observation.ObservationRegistry;

import io.smartops.agent.AgentHandler;
import io.smartops.agent.LlmDeclaration;
import io.smartops.agent.builtin.ExtractiveSummariser;
import io.smartops.agent.builtin.TemplateProposalWriter;

/** Declared LLM agents for the tests: the shipped declarations on a connection to a fake server of the test's. */
public final class LlmAgentFixtures {

	public static final String GOOD_PROPOSAL = "{\"proposal\":\"Dear Hank, Globex Corporation runs large manufacturing "
			+ "operations; we propose a two-week assessment of your order-to-delivery process, a pilot on one plant, "
			+ "and a measured roll-out plan.\",\"confidence\":0.82}";

	private LlmAgentFixtures() {
	}

	/** The shipped declaration {@code index} (0 proposal writer, 1 summariser) on another connection and model. */
	public static LlmDeclaration shipped(int index, String connection, String model) {
		LlmDeclaration d = new ShippedLlmAgents(new ObjectMapper()).registrations().get(index).llm();
		return new LlmDeclaration(connection, model, d.temperature(), d.maxTokens(), d.maxModelCalls(), d.inputs(), d.prompt(),
				d.outputSchema(), d.confidenceField(), d.checks(), d.prices(), d.tools(), d.fallback(), d.denyOutput(),
				d.judge());
	}

	/** A connection of this provider to the fake server. */
	public static LlmProperties.Connection connection(LlmProvider provider, String baseUrl) {
		return switch (provider) {
			case BEDROCK -> new LlmProperties.Connection(provider, baseUrl, null, null, null, null, null, "eu-central-1",
					"AKIDEXAMPLE", "test-secret");
			case OLLAMA -> new LlmProperties.Connection(provider, baseUrl, null);
			default -> new LlmProperties.Connection(provider, baseUrl, "test-key");
		};
	}

	public static LlmConnections connections(Map<String, LlmProperties.Connection> connections, Duration timeout) {
		return new LlmConnections(new LlmProperties(connections, timeout,
				new LlmProperties.Guardrails(Map.of(), Map.of(), List.of())), ObservationRegistry.NOOP);
	}

	/** The proposal writer on one provider's fake server, falling back to the template writer. */
	public static DeclaredLlmAgent proposalWriter(LlmProvider provider, String baseUrl, Duration timeout) {
		return new DeclaredLlmAgent("llm-proposal-writer-test", shipped(0, "test", "test-model"),
				connections(Map.of("test", connection(provider, baseUrl)), timeout), LlmGuardrails.defaults(), LlmTools.none(),
				LlmAgentFixtures::builtin);
	}

	static AgentHandler builtin(String id) {
		return switch (id) {
			case TemplateProposalWriter.ID -> new TemplateProposalWriter();
			case ExtractiveSummariser.ID -> new ExtractiveSummariser();
			default -> null;
		};
	}

	public static Map<String, Object> lead() {
		Map<String, Object> in = new HashMap<>(Map.of("contactName", "Hank", "companyName", "Globex Corporation",
				"industry", "Manufacturing", "employees", 5000, "territory", "EMEA-ENT"));
		in.put("salary", "secret figures");
		return in;
	}
}
