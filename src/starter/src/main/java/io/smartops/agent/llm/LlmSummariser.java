package io.smartops.agent.llm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.ai.chat.client.ChatClient;

import io.smartops.agent.AgentHandler;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Summarisation by an LLM ({@code prompts/summary-llm.st}): a short brief of a lead for its
 * reviewer, from the company, its profile, the score and the draft proposal. At most 600
 * characters with a confidence; otherwise retried, then the extractive summariser answers.
 */
public final class LlmSummariser extends StructuredLlmAgent<LlmSummariser.Summary> {

	public static final String ID = "summarisation-llm";

	/** The structured answer. */
	public record Summary(@NotBlank @Size(max = 600) String summary,
			@NotNull @DecimalMin("0") @DecimalMax("1") Double confidence) {
	}

	public LlmSummariser(Optional<ChatClient> chat, LlmProperties properties, AgentHandler fallback) {
		this(chat, properties, fallback, LlmTools.none());
	}

	public LlmSummariser(Optional<ChatClient> chat, LlmProperties properties, AgentHandler fallback, LlmTools tools) {
		super(chat, properties, Summary.class, "/io/smartops/prompts/summary-llm.st", fallback, tools);
	}

	@Override
	public String agentId() {
		return ID;
	}

	@Override
	public List<String> inputs() {
		return names("companyName", "industry", "employees", "leadScore", "proposal");
	}

	@Override
	protected Map<String, Object> variables(Summary answer, Map<String, Object> inputs) {
		return Map.of("leadSummary", answer.summary().strip());
	}

	@Override
	protected Double confidence(Summary answer) {
		return answer.confidence();
	}
}
