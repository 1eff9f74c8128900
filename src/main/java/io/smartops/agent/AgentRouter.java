package io.smartops.agent;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Routes one agent task instance to one agent: the BPMN declares the capability in its topic
 * expression, {@code camunda:topic="${agentRouter.route(execution, 'lead-scoring')}"} (with
 * {@code camunda:asyncBefore="true"}), and only the chosen agent's worker, which serves that
 * agent's own topic, receives the task. The choice and its reason are recorded as the task's
 * local variables {@code agentId} and {@code agentSelection}, visible in Cockpit. When no agent
 * qualifies the step fails with the reason, which becomes an incident once its retries are spent.
 */
@Component("agentRouter")
public class AgentRouter {

	public static final String VAR_QUALITY_FLOOR = "qualityFloor";
	public static final String VAR_LATENCY_CEILING = "latencyCeilingMillis";
	/** Process variable (or task input): what all agent calls of the instance may cost together. */
	public static final String VAR_COST_BUDGET = "agentCostBudget";
	public static final String VAR_AGENT_ID = "agentId";
	public static final String VAR_AGENT_SELECTION = "agentSelection";

	private final AgentLibrary library;
	private final AgentProperties defaults;
	private final AgentTelemetry telemetry;
	private final SelectionPolicy policy = new SelectionPolicy();

	AgentRouter(AgentLibrary library, AgentProperties defaults, AgentTelemetry telemetry) {
		this.library = library;
		this.defaults = defaults;
		this.telemetry = telemetry;
	}

	public String route(DelegateExecution execution, String capability) {
		SelectionPolicy.Requirements req = new SelectionPolicy.Requirements(
				number(execution, VAR_QUALITY_FLOOR, defaults.qualityFloor()),
				(long) number(execution, VAR_LATENCY_CEILING, defaults.latencyCeilingMillis()), remainingBudget(execution));
		List<Agent> agents = library.forCapability(capability);
		List<SelectionPolicy.Candidate> candidates = agents.stream()
			.map(a -> new SelectionPolicy.Candidate(a.getId(), a.getStatus(), a.expectedCost(), a.getExpectedLatencyMillis(),
					a.getQuality(), a.isAvailable(), a.getStatus() == AgentStatus.ACTIVE && telemetry.circuitOpen(a.getId()),
					a.getStatus() == AgentStatus.ACTIVE && telemetry.overDailyBudget(a)))
			.toList();
		SelectionPolicy.Decision decision = policy.select(capability, candidates, req);
		if (!decision.chosen()) {
			throw new ProcessEngineException(decision.reason());
		}
		String chosen = decision.agentId().orElseThrow();
		Agent agent = agents.stream().filter(a -> a.getId().equals(chosen)).findFirst().orElseThrow();
		execution.setVariableLocal(VAR_AGENT_ID, agent.getId());
		execution.setVariableLocal(VAR_AGENT_SELECTION, decision.reason());
		return agent.getTopic();
	}

	/** What is left of the instance's agent cost budget, or null when it has none. */
	private Double remainingBudget(DelegateExecution execution) {
		double budget = number(execution, VAR_COST_BUDGET, Double.NaN);
		if (Double.isNaN(budget)) {
			return null;
		}
		return budget - telemetry.costOfProcessInstance(execution.getProcessInstanceId());
	}

	/** The task's input parameter, else the process variable, else the global default. */
	private static double number(DelegateExecution execution, String name, double fallback) {
		Object local = execution.getVariableLocal(name);
		Object value = local != null ? local : execution.getVariable(name);
		if (value == null) {
			return fallback;
		}
		if (value instanceof Number n) {
			return n.doubleValue();
		}
		try {
			return Double.parseDouble(value.toString());
		}
		catch (NumberFormatException e) {
			throw new ProcessEngineException(name + ": \"" + value + "\" is not a number");
		}
	}
}
