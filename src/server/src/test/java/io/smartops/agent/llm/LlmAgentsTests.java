package io.smartops.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smartops.agent.AgentOutput;
import io.smartops.agent.builtin.ExtractiveSummariser;
import io.smartops.agent.builtin.TemplateProposalWriter;
import io.smartops.agent.llm.OpenAiCompatibleServer.Answer;
import io.smartops.agent.llm.OpenAiCompatibleServer.Refuse;
import io.smartops.agent.llm.OpenAiCompatibleServer.Stall;

/**
 * The LLM agents through Spring AI's ChatClient and OpenAI client, over real HTTP, against a
 * local OpenAI-compatible server the test starts: structured output, validation, retries on
 * malformed answers, 429 and timeouts, the cap on model calls, and the fallback agent.
 */
class LlmAgentsTests {

	static final String GOOD_PROPOSAL = "{\"proposal\":\"Dear Hank, Globex Corporation runs large manufacturing "
			+ "operations; we propose a two-week assessment of your order-to-delivery process, a pilot on one plant, "
			+ "and a measured roll-out plan.\",\"confidence\":0.82}";

	OpenAiCompatibleServer server;
	LlmProposalWriter writer;

	@BeforeEach
	void start() throws Exception {
		server = new OpenAiCompatibleServer();
		LlmProperties properties = new LlmProperties(server.baseUrl(), "test-key", "test-model", Duration.ofMillis(700), 3,
				400, 0.002);
		writer = new LlmProposalWriter(LlmConfiguration.chatClient(properties), properties, new TemplateProposalWriter());
	}

	@AfterEach
	void stop() {
		server.close();
	}

	static Map<String, Object> lead() {
		Map<String, Object> in = new HashMap<>(Map.of("contactName", "Hank", "companyName", "Globex Corporation",
				"industry", "Manufacturing", "employees", 5000, "territory", "EMEA-ENT"));
		in.put("salary", "secret figures");
		return in;
	}

	@Test
	void aValidStructuredAnswerBecomesTheProposalWithItsConfidenceAndTokens() throws Exception {
		server.then(new Answer(GOOD_PROPOSAL, 120, 80));
		AgentOutput out = writer.handle(lead());
		assertThat((String) out.variables().get("proposal")).startsWith("Dear Hank, Globex Corporation");
		assertThat(out.confidence()).isEqualTo(0.82);
		assertThat(out.usage().modelCalls()).isEqualTo(1);
		assertThat(out.usage().promptTokens()).isEqualTo(120);
		assertThat(out.usage().completionTokens()).isEqualTo(80);
		assertThat(out.usage().fallbackAgentId()).isNull();
		assertThat(out.usage().model()).isEqualTo("test-model");
	}

	@Test
	void onlyTheDeclaredInputsReachThePrompt() throws Exception {
		server.then(new Answer(GOOD_PROPOSAL, 120, 80));
		writer.handle(lead());
		assertThat(server.requests).singleElement().satisfies(body -> {
			assertThat(body).contains("Globex Corporation").contains("EMEA-ENT").contains("\"max_tokens\":400");
			assertThat(body).doesNotContain("secret figures");
		});
	}

	@Test
	void aMalformedAnswerIsRetriedAndTheNextValidOneUsed() throws Exception {
		server.then(new Answer("this is not JSON at all", 50, 10), new Answer(GOOD_PROPOSAL, 120, 80));
		AgentOutput out = writer.handle(lead());
		assertThat(out.usage().modelCalls()).isEqualTo(2);
		assertThat(out.usage().promptTokens()).isEqualTo(170);
		assertThat(out.usage().fallbackAgentId()).isNull();
	}

	@Test
	void anAnswerThatBreaksItsSchemaNeverReachesTheVariablesAndTheFallbackAnswers() throws Exception {
		String tooShort = "{\"proposal\":\"Hi Globex Corporation\",\"confidence\":0.9}";
		String noCompany = "{\"proposal\":\"Dear Hank, we propose an assessment, a pilot on one process and a roll-out "
				+ "plan that measures speed, cost and quality.\",\"confidence\":0.9}";
		String badConfidence = GOOD_PROPOSAL.replace("0.82", "7");
		server.then(new Answer(tooShort, 10, 10), new Answer(noCompany, 10, 10), new Answer(badConfidence, 10, 10),
				new Answer(GOOD_PROPOSAL, 10, 10));
		AgentOutput out = writer.handle(lead());
		assertThat(out.usage().modelCalls()).as("capped at three model calls").isEqualTo(3);
		assertThat(out.usage().fallbackAgentId()).isEqualTo(TemplateProposalWriter.ID);
		assertThat((String) out.variables().get("proposal")).startsWith("Dear Hank,")
			.contains("For Globex Corporation, a Manufacturing company");
		assertThat(server.requests).hasSize(3);
	}

	@Test
	void aRefusedCallIsRetried() throws Exception {
		server.then(new Refuse(429), new Answer(GOOD_PROPOSAL, 120, 80));
		AgentOutput out = writer.handle(lead());
		assertThat(out.usage().modelCalls()).isEqualTo(2);
		assertThat(out.usage().fallbackAgentId()).isNull();
	}

	@Test
	void timeoutsAndRefusalsUseUpTheCapThenTheFallbackAnswers() throws Exception {
		server.then(new Stall(2_000), new Refuse(429), new Stall(2_000));
		long start = System.nanoTime();
		AgentOutput out = writer.handle(lead());
		assertThat(out.usage().fallbackAgentId()).isEqualTo(TemplateProposalWriter.ID);
		assertThat(out.usage().modelCalls()).isEqualTo(3);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("each timeout cut at 700 ms")
			.isLessThan(Duration.ofSeconds(4));
	}

	@Test
	void withoutAModelTheLlmAgentsAreUnavailable() {
		LlmProperties none = new LlmProperties("", "", "m", Duration.ofSeconds(1), 3, 100, 0.0);
		assertThat(new LlmProposalWriter(LlmConfiguration.chatClient(none), none, new TemplateProposalWriter()).available())
			.isFalse();
		assertThat(writer.available()).isTrue();
	}

	@Test
	void theSummariserWritesABriefAndFallsBackToTheExtractiveOne() throws Exception {
		LlmProperties properties = new LlmProperties(server.baseUrl(), "k", "test-model", Duration.ofMillis(700), 2, 200, 0.002);
		LlmSummariser summariser = new LlmSummariser(LlmConfiguration.chatClient(properties), properties,
				new ExtractiveSummariser());
		Map<String, Object> in = Map.of("companyName", "Globex Corporation", "industry", "Manufacturing", "employees", 5000,
				"leadScore", 0.91, "proposal", "Dear Hank, we propose an assessment. Then a pilot.");
		server.then(new Answer("{\"summary\":\"Globex, a 5,000-person manufacturer, is a strong lead (0.91).\","
				+ "\"confidence\":0.7}", 90, 20));
		assertThat(summariser.handle(in).variables()).containsEntry("leadSummary",
				"Globex, a 5,000-person manufacturer, is a strong lead (0.91).");
		server.then(new Answer("{\"summary\":\"\",\"confidence\":0.7}", 1, 1), new Refuse(503));
		AgentOutput fallen = summariser.handle(in);
		assertThat(fallen.usage().fallbackAgentId()).isEqualTo(ExtractiveSummariser.ID);
		assertThat((String) fallen.variables().get("leadSummary"))
			.isEqualTo("Globex Corporation (Manufacturing, 5000 employees) scored 0.91. Proposal: we propose an assessment.");
	}

	@Test
	void theOutputSchemaIsPublishedForTheLibrary() {
		assertThat(writer.outputSchema()).contains("\"proposal\"").contains("\"confidence\"");
	}

}
