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
import io.smartops.agent.llm.OpenAiCompatibleServer.Answer;
import io.smartops.agent.llm.OpenAiCompatibleServer.CallTool;
import io.smartops.agent.mcp.McpToolClients;
import io.smartops.support.ToolServer;

/**
 * An LLM agent that may call MCP tools while it works: Spring AI's tool calling against a real MCP
 * server (the MCP Java SDK's, on its own port), the model a local OpenAI-compatible server asking
 * for the tool; the tool's answer goes back to the model, and the task's cap on tool calls holds.
 */
class LlmMcpToolsTests {

	OpenAiCompatibleServer model;
	ToolServer tools;
	McpToolClients clients;

	@BeforeEach
	void start() throws Exception {
		model = new OpenAiCompatibleServer();
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

	LlmProposalWriter writer(int maxToolCalls) {
		LlmProperties properties = new LlmProperties(model.baseUrl(), "k", "test-model", Duration.ofSeconds(5), 2, 400, 0.002,
				List.of(tools.url()), maxToolCalls);
		return new LlmProposalWriter(LlmConfiguration.chatClient(properties), properties, new TemplateProposalWriter(),
				new LlmTools(clients, properties.mcpServers(), properties.maxToolCallsPerTask()));
	}

	@Test
	void theModelCallsAnMcpToolAndAnswersWithWhatItReturned() throws Exception {
		model.then(new CallTool("company_facts", "{\"company\":\"Globex Corporation\"}"),
				new Answer(LlmAgentsTests.GOOD_PROPOSAL, 200, 80));
		AgentOutput out = writer(3).handle(LlmAgentsTests.lead());

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
		AgentOutput out = writer(1).handle(LlmAgentsTests.lead());

		assertThat(tools.calls).hasSize(1);
		assertThat(out.usage().fallbackAgentId()).isEqualTo(TemplateProposalWriter.ID);
		assertThat(out.usage().modelCalls()).isEqualTo(2);
	}
}
