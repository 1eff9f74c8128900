package io.smartops.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smartops.agent.AgentOutput;
import io.smartops.agent.builtin.TemplateProposalWriter;
import io.smartops.agent.llm.FakeLlmServer.Answer;
import io.smartops.agent.llm.FakeLlmServer.CallTool;
import io.smartops.agent.mcp.McpToolClients;
import io.smartops.support.ToolServer;

/**
 * An LLM agent that may call MCP tools while it works: Spring AI's tool calling against a real MCP
 * server (the MCP Java SDK's, on its own port), the model a local OpenAI-compatible server asking
 * for the tool; the tool's answer goes back to the model, and the task's cap on tool calls holds.
 */
class LlmMcpToolsTests {

	FakeLlmServer model;
	ToolServer tools;
	McpToolClients clients;

	@BeforeEach
	void start() throws Exception {
		model = new FakeLlmServer(FakeLlmServer.Protocol.OPENAI);
		tools = new ToolServer(new ToolServer.Tool("company_facts", """
				{"type":"object","required":["company"],"properties":{"company":{"type":"string"}}}""",
				args -> Map.of("company", args.get("company"), "plants", 14, "industry", "Manufacturing")));
		clients = new McpToolClients(Duration.ofSeconds(10));
	}

	@AfterEach
	void stop() throws Exception {
		model.close();
		tools.close();
		clients.close();
	}

	DeclaredLlmAgent writer(int maxToolCalls) {
		io.smartops.agent.LlmDeclaration d = LlmAgentFixtures.shipped(0, "test", "test-model");
		io.smartops.agent.LlmDeclaration withTools = new io.smartops.agent.LlmDeclaration(d.connection(), d.model(),
				d.temperature(), d.maxTokens(), 2, d.inputs(), d.prompt(), d.outputSchema(), d.confidenceField(), d.checks(),
				d.prices(), new io.smartops.agent.LlmDeclaration.Tools(List.of(tools.url()), maxToolCalls), d.fallback(),
				d.denyOutput(), d.judge());
		return new DeclaredLlmAgent("llm-proposal-writer-test", withTools,
				LlmAgentFixtures.connections(Map.of("test", LlmAgentFixtures.connection(LlmProvider.OPENAI, model.baseUrl())),
						Duration.ofSeconds(5)),
				LlmGuardrails.defaults(), new LlmTools(clients, List.of(tools.url()), maxToolCalls), LlmAgentFixtures::builtin);
	}

	@Test
	void theModelCallsAnMcpToolAndAnswersWithWhatItReturned() throws Exception {
		model.then(new CallTool("company_facts", "{\"company\":\"Globex Corporation\"}"),
				new Answer(LlmAgentFixtures.GOOD_PROPOSAL, 200, 80));
		AgentOutput out = writer(3).handle(LlmAgentFixtures.lead());

		assertThat((String) out.variables().get("proposal")).startsWith("Dear Hank, Globex Corporation");
		assertThat(out.usage().fallbackAgentId()).isNull();
		assertThat(tools.calls).containsExactly(Map.of("company", "Globex Corporation"));
		assertThat(model.requests).hasSize(2);
		assertThat(model.requests.get(0)).contains("\"company_facts\"");
		assertThat(model.requests.get(1)).contains("\"role\":\"tool\"").contains("plants").contains("14");
		assertThat(out.usage().promptTokens()).isEqualTo(230);
	}

	@Test
	void aTaskMakesNoMoreToolCallsThanItsCapAndThenTheFallbackAnswers() throws Exception {
		model.then(new CallTool("company_facts", "{\"company\":\"Globex Corporation\"}"),
				new CallTool("company_facts", "{\"company\":\"Globex Inc\"}"),
				new CallTool("company_facts", "{\"company\":\"Globex Ltd\"}"),
				new CallTool("company_facts", "{\"company\":\"Globex plc\"}"));
		AgentOutput out = writer(1).handle(LlmAgentFixtures.lead());

		assertThat(tools.calls).hasSize(1);
		assertThat(out.usage().fallbackAgentId()).isEqualTo(TemplateProposalWriter.ID);
		assertThat(out.usage().modelCalls()).isEqualTo(2);
	}
}
