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
 * Proposal drafting by an LLM ({@code prompts/proposal-llm.st}): a first proposal for the lead
 * that a salesperson reviews. An answer must be 80 to 4,000 characters, name the company and give
 * its confidence; otherwise it is retried and the template writer answers in the end.
 */
public final class LlmProposalWriter extends StructuredLlmAgent<LlmProposalWriter.ProposalDraft> {

	public static final String ID = "proposal-drafting-llm";

	/** The structured answer. */
	public record ProposalDraft(@NotBlank @Size(min = 80, max = 4000) String proposal,
			@NotNull @DecimalMin("0") @DecimalMax("1") Double confidence) {
	}

	public LlmProposalWriter(Optional<ChatClient> chat, LlmProperties properties, AgentHandler fallback) {
		this(chat, properties, fallback, LlmTools.none());
	}

	public LlmProposalWriter(Optional<ChatClient> chat, LlmProperties properties, AgentHandler fallback, LlmTools tools) {
		super(chat, properties, ProposalDraft.class, "/io/smartops/prompts/proposal-llm.st", fallback, tools);
	}

	@Override
	public String agentId() {
		return ID;
	}

	@Override
	public List<String> inputs() {
		return names("contactName", "companyName", "industry", "employees", "territory");
	}

	@Override
	protected Map<String, Object> variables(ProposalDraft answer, Map<String, Object> inputs) {
		return Map.of("proposal", answer.proposal().strip());
	}

	@Override
	protected Double confidence(ProposalDraft answer) {
		return answer.confidence();
	}

	@Override
	protected String semanticProblem(ProposalDraft answer, Map<String, Object> inputs) {
		Object company = inputs.get("companyName");
		if (company != null && !answer.proposal().contains(company.toString())) {
			return "proposal does not name the company \"" + company + "\"";
		}
		return null;
	}
}
