package io.smartops.agent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;

import io.micrometer.tracing.Span;
import io.smartops.core.execution.InstanceTracing;
import org.springframework.stereotype.Component;

/**
 * Routes one agent task instance to one agent: the BPMN declares the capability in its topic
 * expression, {@code camunda:topic="${agentRouter.route(execution, 'lead-scoring')}"} (with
 * {@code camunda:asyncBefore="true"}), and only the chosen agent's worker, which serves that
 * agent's own topic, receives the task. A capability's CANARY serves its share of process
 * instances (sticky: an instance's draw never changes); the rest go to the active agent the task's
 * {@link SelectionPolicy} picks. Every SHADOW agent of the capability gets a copy of the inputs
 * ({@link ShadowRuns}). The choice, its reason and its arm are recorded as the task's local
 * variables {@code agentId}, {@code agentSelection} and {@code agentArm}, visible in Cockpit. When
 * no agent can serve the step fails with the reason, which becomes an incident once its retries
 * are spent; when agents could serve but none meets the quality floor (measured quality moves),
 * the best of them serves and the process owner is told, once a day ({@link QualityFloorAlerts}).
 * <p>
 * The task's inputs (its element template's fields) choose the policy: {@code qualityFloor},
 * {@code latencyCeilingMillis}, {@code selectionPolicy} ({@code cheapest} or {@code best-value})
 * and, for best value, {@code valueOfRightAnswer} and {@code latencyPricePerSecond}.
 */
@Component("agentRouter")
public class AgentRouter {

	public static final String VAR_QUALITY_FLOOR = "qualityFloor";
	public static final String VAR_LATENCY_CEILING = "latencyCeilingMillis";
	public static final String VAR_SELECTION_POLICY = "selectionPolicy";
	public static final String VAR_VALUE_OF_RIGHT_ANSWER = "valueOfRightAnswer";
	public static final String VAR_LATENCY_PRICE = "latencyPricePerSecond";
	/** Process variable (or task input): what all agent calls of the instance may cost together. */
	public static final String VAR_COST_BUDGET = "agentCostBudget";
	public static final String VAR_AGENT_ID = "agentId";
	public static final String VAR_AGENT_SELECTION = "agentSelection";
	/** {@code canary} or {@code incumbent}: which arm of a running canary the instance is in. */
	public static final String VAR_AGENT_ARM = "agentArm";

	public static final String ARM_CANARY = "canary";
	public static final String ARM_INCUMBENT = "incumbent";

	private final AgentLibrary library;
	private final AgentProperties defaults;
	private final AgentTelemetry telemetry;
	private final ShadowRuns shadows;
	private final QualityFloorAlerts floorAlerts;
	private final SelectionPolicy policy = new SelectionPolicy();
	private final InstanceTracing tracing;

	AgentRouter(AgentLibrary library, AgentProperties defaults, AgentTelemetry telemetry, ShadowRuns shadows,
			QualityFloorAlerts floorAlerts, InstanceTracing tracing) {
		this.floorAlerts = floorAlerts;
		this.tracing = tracing;
		this.library = library;
		this.defaults = defaults;
		this.telemetry = telemetry;
		this.shadows = shadows;
	}

	/** Chooses the agent of this task instance and answers its topic; a span of the instance's trace. */
	public String route(DelegateExecution execution, String capability) {
		Span span = tracing.start("smartops.agent.route", execution.getVariable(InstanceTracing.VARIABLE))
			.tag("smartops.capability", capability)
			.tag("smartops.activity", execution.getCurrentActivityId());
		try {
			Agent agent = choose(execution, capability);
			span.tag("smartops.agent", agent.getId());
			return agent.getTopic();
		}
		catch (RuntimeException e) {
			span.error(e);
			throw e;
		}
		finally {
			span.end();
		}
	}

	private Agent choose(DelegateExecution execution, String capability) {
		shadows.routed();
		List<Agent> agents = library.forCapability(capability);
		Agent agent = canaryFor(execution, capability, agents).orElseGet(() -> incumbent(execution, capability, agents));
		List<Agent> shadowAgents = agents.stream()
			.filter(a -> a.getStatus() == AgentStatus.SHADOW && a.isAvailable())
			.toList();
		if (!shadowAgents.isEmpty()) {
			shadows.dispatch(execution, capability, agent, shadowAgents);
		}
		execution.setVariableLocal(VAR_AGENT_ID, agent.getId());
		return agent;
	}

	/** The capability's canary when this instance falls in its share and the canary can serve. */
	private Optional<Agent> canaryFor(DelegateExecution execution, String capability, List<Agent> agents) {
		Optional<Agent> canary = agents.stream().filter(a -> a.getStatus() == AgentStatus.CANARY).findFirst();
		if (canary.isEmpty() || canary.get().getCanaryShare() == null) {
			return Optional.empty();
		}
		Agent c = canary.get();
		double draw = draw(execution.getProcessInstanceId(), capability);
		boolean inCanary = draw < c.getCanaryShare();
		boolean canServe = c.isAvailable() && !telemetry.circuitOpen(c.getId()) && !telemetry.overDailyBudget(c);
		if (!inCanary || !canServe) {
			execution.setVariableLocal(VAR_AGENT_ARM, ARM_INCUMBENT);
			return Optional.empty();
		}
		execution.setVariableLocal(VAR_AGENT_ARM, ARM_CANARY);
		execution.setVariableLocal(VAR_AGENT_SELECTION, String.format(Locale.ROOT,
				"canary of %s: this instance's draw %.4f is within the canary's share %.2f", capability, draw,
				c.getCanaryShare()));
		return canary;
	}

	/**
	 * The instance's draw in [0, 1) for a capability: from a hash of the process instance id and
	 * the capability, so that the same instance is always in the same arm, on every node and retry.
	 */
	public static double draw(String processInstanceId, String capability) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((processInstanceId + "|" + capability).getBytes(StandardCharsets.UTF_8));
			return (ByteBuffer.wrap(digest).getLong() >>> 11) / (double) (1L << 53);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private Agent incumbent(DelegateExecution execution, String capability, List<Agent> agents) {
		SelectionPolicy.Requirements req = new SelectionPolicy.Requirements(
				number(execution, VAR_QUALITY_FLOOR, defaults.qualityFloor()),
				(long) number(execution, VAR_LATENCY_CEILING, defaults.latencyCeilingMillis()), remainingBudget(execution),
				objective(execution), number(execution, VAR_VALUE_OF_RIGHT_ANSWER, 0),
				number(execution, VAR_LATENCY_PRICE, 0));
		List<SelectionPolicy.Candidate> candidates = agents.stream()
			.filter(a -> a.getStatus() != AgentStatus.CANARY)
			.map(a -> new SelectionPolicy.Candidate(a.getId(), a.getStatus(), a.expectedCost(), a.getExpectedLatencyMillis(),
					a.effectiveQuality(), a.isAvailable(),
					a.getStatus() == AgentStatus.ACTIVE && telemetry.circuitOpen(a.getId()),
					a.getStatus() == AgentStatus.ACTIVE && telemetry.overDailyBudget(a), a.getQuality()))
			.toList();
		SelectionPolicy.Decision decision = policy.select(capability, candidates, req);
		if (!decision.chosen()) {
			throw new ProcessEngineException(decision.reason());
		}
		String chosen = decision.agentId().orElseThrow();
		execution.setVariableLocal(VAR_AGENT_SELECTION, decision.reason());
		if (decision.belowFloor()) {
			// the deployment cache knows the definition: no query
			String processKey = execution.getProcessEngineServices().getRepositoryService()
				.getProcessDefinition(execution.getProcessDefinitionId()).getKey();
			floorAlerts.belowFloor(processKey, capability, decision.reason());
		}
		return agents.stream().filter(a -> a.getId().equals(chosen)).findFirst().orElseThrow();
	}

	private static SelectionPolicy.Objective objective(DelegateExecution execution) {
		Object local = execution.getVariableLocal(VAR_SELECTION_POLICY);
		Object value = local != null ? local : execution.getVariable(VAR_SELECTION_POLICY);
		if (value == null || value.toString().isBlank()) {
			return SelectionPolicy.Objective.CHEAPEST;
		}
		return switch (value.toString().strip().toLowerCase(Locale.ROOT)) {
			case "cheapest" -> SelectionPolicy.Objective.CHEAPEST;
			case "best-value" -> SelectionPolicy.Objective.BEST_VALUE;
			default -> throw new ProcessEngineException(
					VAR_SELECTION_POLICY + ": \"" + value + "\" is neither cheapest nor best-value");
		};
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
