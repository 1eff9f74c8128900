package io.smartops.agent.builtin;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentKind;
import io.smartops.agent.AgentStatus;
import io.smartops.agent.AgentProvider;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentLibrary.Descriptor;

/**
 * The built-in agents: their handlers (the ML scorer trains and the forecaster backtests once, at
 * construction) and their library entries, registered idempotently at start with their measured
 * evaluations. The classic automations of the sales process are listed too (kind AUTOMATION),
 * so analytics and the coordinator see every executor alike. The LLM agents are declared as data
 * ({@code io/smartops/agents/llm-agents.json}). Costs are per call; qualities are the designers' estimates except where an agent measures its own.
 */
public final class BuiltinAgents implements AgentProvider {

	private static final Logger log = LoggerFactory.getLogger(BuiltinAgents.class);

	private static final double AUTOMATION_COST = 0.00001;

	private final List<AgentHandler> handlers;
	private final List<Descriptor> descriptors;

	public BuiltinAgents() {
		long start = System.nanoTime();
		TemplateProposalWriter template = new TemplateProposalWriter();
		ExtractiveSummariser extractive = new ExtractiveSummariser();
		MlLeadScorer ml = new MlLeadScorer();
		DemandForecaster forecaster = new DemandForecaster();
		this.handlers = List.of(new ReferenceDataEnricher(), new RulesLeadScorer(), ml, template, extractive, forecaster);
		this.descriptors = List.of(
				agent(ReferenceDataEnricher.ID, "company-enrichment", "Reference-data enricher", AgentKind.BUILTIN_MODEL,
						0.0001, 0, 10, 0.8, List.of("emailDomain"), List.of("industry", "companyProfile"), null),
				agent(RulesLeadScorer.ID, "lead-scoring", "Rules lead scorer", AgentKind.BUILTIN_MODEL, 0.0001, 0, 5, 0.7,
						List.of("employees", "industry", "source"), List.of("leadScore"), null),
				// the challenger: it starts as the rules scorer's shadow and earns its place through the gates
				agent(MlLeadScorer.ID, "lead-scoring", "ML lead scorer (logistic regression)", AgentKind.BUILTIN_MODEL,
						0.0002, 0, 5, ml.heldOutAuc(), ml.inputs(), List.of("leadScore"), null)
					.startingAt(AgentStatus.SHADOW),
				agent(TemplateProposalWriter.ID, "proposal-drafting", "Template proposal writer", AgentKind.BUILTIN_MODEL,
						0.0005, 0, 10, 0.75, template.inputs(), List.of("proposal"), null),
				agent(ExtractiveSummariser.ID, "summarisation", "Extractive summariser", AgentKind.BUILTIN_MODEL, 0.0001, 0, 5,
						0.6, extractive.inputs(), List.of("leadSummary"), null),
				agent(DemandForecaster.ID, "demand-forecasting", "Holt-Winters demand forecaster", AgentKind.BUILTIN_MODEL,
						0.0005, 0, 50, 0.8, forecaster.inputs(), List.of("demandForecast"), null),
				automation("automation-validate-lead", "lead-validation", "Validate and normalize lead (delegate)",
						"Task_ValidateLead", List.of("companyName", "contactName", "email", "country", "employees"),
						List.of("emailDomain", "region")),
				automation("automation-deduplicate-lead", "lead-deduplication", "Deduplicate lead (delegate)",
						"Task_DeduplicateLead", List.of("companyName", "emailDomain"), List.of("duplicate", "customerId")),
				automation("automation-assign-territory", "territory-assignment", "Assign territory (DMN)",
						"Task_AssignTerritory", List.of("region", "employees"),
						List.of("territory", "owner", "candidateGroup")));
		log.info("built-in agents ready in {} ms: lead scorer AUC {}, forecaster MAPE {}%",
				(System.nanoTime() - start) / 1_000_000, String.format("%.3f", ml.heldOutAuc()),
				String.format("%.2f", forecaster.meanBacktestMape()));
	}

	/** The handlers that external-task workers run (automations run as delegates in the engine). */
	@Override
	public List<AgentHandler> handlers() {
		return handlers;
	}

	@Override
	public List<Descriptor> descriptors() {
		return descriptors;
	}

	private static Descriptor agent(String id, String capability, String name, AgentKind kind, double costPerCall,
			double tokenPrice, long latency, double quality, List<String> inputs, List<String> outputs, String schema) {
		return new Descriptor(id, capability, name, "1", kind, costPerCall, tokenPrice, latency, quality, inputs, outputs,
				schema, null, null, null);
	}

	private static Descriptor automation(String id, String capability, String name, String activityId, List<String> inputs,
			List<String> outputs) {
		return new Descriptor(id, capability, name, "1", AgentKind.AUTOMATION, AUTOMATION_COST, 0, 20, 0.99, inputs, outputs,
				null, null, null, "sales-operations/" + activityId);
	}
}
