package io.smartops.agent.builtin;

import java.util.List;

import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentKind;
import io.smartops.agent.AgentLibrary;

/**
 * The built-in agents: their library entries (registered idempotently at start) and their
 * handlers. Costs are per call; the qualities are the designers' starting estimates until
 * scorecards measure them.
 */
public final class BuiltinAgents {

	private BuiltinAgents() {
	}

	public static void register(AgentLibrary library) {
		library.ensureBuiltin(ReferenceDataEnricher.ID, "company-enrichment", "Reference-data enricher", "1",
				AgentKind.BUILTIN_MODEL, 0.0001, 10, 0.8, List.of("emailDomain"), List.of("industry", "companyProfile"));
		library.ensureBuiltin(RulesLeadScorer.ID, "lead-scoring", "Rules lead scorer", "1", AgentKind.BUILTIN_MODEL, 0.0001,
				5, 0.7, List.of("employees", "industry", "source"), List.of("leadScore"));
		library.ensureBuiltin(TemplateProposalWriter.ID, "proposal-drafting", "Template proposal writer", "1",
				AgentKind.BUILTIN_MODEL, 0.0005, 10, 0.75,
				List.of("contactName", "companyName", "industry", "employees", "territory"), List.of("proposal"));
	}

	public static List<AgentHandler> handlers() {
		return List.of(new ReferenceDataEnricher(), new RulesLeadScorer(), new TemplateProposalWriter());
	}
}
